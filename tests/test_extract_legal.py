from ccn_docs.extract.legal import (iso_date, issued_title, legal_matcher, named_before, names_issued, provisions_cited,
                                     resolve_anaphora, resolve_short_number, short_citations, short_names)
from ccn_docs.types import LegalRef


def refs(text):
    return [ref for _, _, ref, _ in legal_matcher().find(text)]


def test_full_reference_with_location_and_date():
    (ref,) = refs("theo khoản 2 Điều 27 Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ")
    assert (ref.type, ref.number, ref.year, ref.issuer_code, ref.date) == (
        "Nghị định", "32/2024/NĐ-CP", 2024, "NĐ-CP", "2024-03-15")
    assert (ref.article, ref.clause, ref.point) == ("27", "2", None)


def test_ocr_text_without_diacritics_gives_the_written_code():
    (ref,) = refs("Nghi dinh s6 32/2024/ND-CP ngay 15/3/2024 ciia Chinh phu")
    assert ref.number == "32/2024/NĐ-CP" and ref.type == "Nghị định"


def test_number_forms_and_types_from_codes():
    found = refs("các Công điện số 217/CĐ-TTg, 218/CĐ-TTg; Chỉ thị số 31-CT/TU; Luật Đất đai số 31/2024/QH15")
    assert [(r.number, r.type) for r in found] == [
        ("217/CĐ-TTg", "Công điện"), ("218/CĐ-TTg", "Công điện"), ("31-CT/TU", "Chỉ thị"),
        ("31/2024/QH15", "Luật")]


def test_a_code_written_without_its_hyphen_is_read_when_both_parts_are_known():
    found = refs("Chỉ thị số 27/CTTg ngày 15/7/2024 và Quyết định số 1679/QĐTTg ngày 22/11/2019; tỷ lệ 5/ABC")
    assert [(r.number, r.type, r.date) for r in found] == [
        ("27/CT-TTg", "Chỉ thị", "2024-07-15"), ("1679/QĐ-TTg", "Quyết định", "2019-11-22")]


def test_named_law_needs_a_capital():
    assert [(r.text, r.year) for r in refs("Căn cứ Luật Phòng thủ dân sự năm 2023")] == [("Luật Phòng thủ dân sự năm 2023", 2023)]
    assert refs("theo quy định của pháp luật về đất đai") == []


def test_anaphora_resolves_to_own_document_or_latest_earlier():
    own = LegalRef(text="60/2024/NĐ-CP", type="Nghị định", number="60/2024/NĐ-CP")
    earlier = [LegalRef(text="Nghị định 15/2021/NĐ-CP", type="Nghị định", number="15/2021/NĐ-CP")]
    (this,) = refs("thi hành Nghị định này")
    assert resolve_anaphora(this, earlier, own).number == "60/2024/NĐ-CP"
    assert resolve_anaphora(this, earlier, None).number == "15/2021/NĐ-CP"
    (above,) = refs("theo Nghị định nêu trên")
    assert resolve_anaphora(above, earlier, own).number == "15/2021/NĐ-CP"


def test_iso_date():
    assert iso_date("22 tháng 4 năm 2024".replace("tháng", "thang").replace("năm", "nam")) == "2024-04-22"
    assert iso_date("31/02/2024") is None
    assert iso_date("31/13/2024") is None


def test_a_date_closing_a_list_of_numbers_belongs_to_each():
    found = refs("tiếp theo các Công điện số 217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025, Thủ tướng")
    assert [(r.number, r.date) for r in found] == [
        ("217/CĐ-TTg", "2025-11-19"), ("218/CĐ-TTg", "2025-11-19"), ("222/CĐ-TTg", "2025-11-19")]


def test_cyrillic_look_alikes_in_a_number_are_read_as_latin():
    (ref,) = refs("văn bản số 16495/BТС-PTHT ngày 22/10/2025")  # Т and С are Cyrillic
    assert ref.number == "16495/BTC-PTHT"


def test_document_named_by_title_and_the_law_it_cites():
    found = refs("xây dựng Nghị định quy định chi tiết một số điều của Luật Đất đai; báo cáo")
    assert [r.type for r in found] == ["Nghị định", "Luật"]
    assert found[1].text == "Luật Đất đai"


def test_code_part_turned_into_a_syllable_is_snapped_back():
    (ref,) = refs("quy định tại Nghị định số 32/2024/NĐ-CẬP ngày 15/3/2024")  # restoration made CP a syllable
    assert ref.number == "32/2024/NĐ-CP"


def test_amending_law_amended_law_and_draft_named_by_issuer():
    law, amended = refs("theo Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu và các văn bản")
    assert law.text == "Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu" and law.number is None
    assert (amended.text, amended.type) == ("Luật Đấu thầu", "Luật")
    (draft,) = refs("hoàn thiện dự thảo Nghị định của Chính phủ về quản lý")  # a draft is named without "dự thảo"
    assert (draft.text, draft.type, draft.number) == ("Nghị định của Chính phủ về quản lý", "Nghị định", None)
    (revised,) = refs("trình Quốc hội Luật Thuế thu nhập cá nhân (sửa đổi) tại Kỳ họp")
    assert revised.text == "Luật Thuế thu nhập cá nhân (sửa đổi)"
    (constitution,) = refs("bảo đảm phù hợp với Hiến pháp và pháp luật")
    assert (constitution.text, constitution.type) == ("Hiến pháp", "Hiến pháp")
    (named,) = refs("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;")  # its full name is one document
    assert named.text == "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_a_draft_named_by_its_title_ends_where_the_sentence_goes_on():
    (draft,) = refs("hoàn thiện dự thảo Nghị định của Chính phủ quy định cơ chế quản lý, tổ chức thực hiện các chương "
                    "trình mục tiêu quốc gia, báo cáo Chính phủ xem xét")
    assert draft.text == "Nghị định của Chính phủ quy định cơ chế quản lý, tổ chức thực hiện các chương trình mục tiêu quốc gia"
    draft, inner, later = refs("ký Tờ trình về dự thảo Nghị quyết của Quốc hội sửa đổi, bổ sung một số điều của Nghị quyết "
                               "số 136/2024/QH15 về tổ chức chính quyền đô thị, trình Quốc hội theo Nghị định số 32/2024/NĐ-CP")
    assert draft.text == ("Nghị quyết của Quốc hội sửa đổi, bổ sung một số điều của Nghị quyết số 136/2024/QH15 về tổ "
                          "chức chính quyền đô thị") and draft.number is None
    assert (inner.number, later.number) == ("136/2024/QH15", "32/2024/NĐ-CP")
    (untitled,) = refs("đưa vào dự thảo Nghị quyết của Quốc hội nội dung: Trong quá trình thực hiện")
    assert untitled.text == "Nghị quyết của Quốc hội"


def test_a_law_name_ends_where_the_sentence_joins_it_not_at_a_word_of_its_own():
    assert [r.text for r in refs("đối với dự án quy định tại khoản 1 Điều 92 của Luật Đất đai mà cần có chính sách")] == [
        "khoản 1 Điều 92 của Luật Đất đai"]
    assert [r.text for r in refs("triển khai Luật Việc làm thuộc phạm vi quản lý")] == ["Luật Việc làm"]
    assert [r.text for r in refs("trước khi Luật Đất đai có hiệu lực thi hành")] == ["Luật Đất đai"]
    assert [r.text for r in refs("thực hiện Luật Phòng, chống ma túy và")] == ["Luật Phòng, chống ma túy"]
    assert [r.text for r in refs("xây dựng Luật Chuyển đổi số và các Nghị định")] == ["Luật Chuyển đổi số"]
    assert [(r.text, r.number) for r in refs("Luật Công nghiệp công nghệ số số 71/2025/QH15")] == [
        ("Luật Công nghiệp công nghệ số số 71/2025/QH15", "71/2025/QH15")]


def test_a_dotted_number_and_a_number_with_its_year_only():
    found = [(ref.number, ref.text) for _, _, ref, _ in legal_matcher().find(
        "sửa đổi Nghị quyết số 66.4/2025/NQ-CP; thực hiện Nghị định 70/2025 của Chính phủ")]
    assert found == [("66.4/2025/NQ-CP", "Nghị quyết số 66.4/2025/NQ-CP"), ("70/2025", "Nghị định 70/2025")]
    short = refs("Nghị định 70/2025")[0]
    assert resolve_short_number(short, [LegalRef(text="Nghị định số 70/2025/NĐ-CP", type="Nghị định",
                                                 number="70/2025/NĐ-CP")]).number == "70/2025/NĐ-CP"


def test_a_span_of_years_is_no_reference():
    assert refs("thực hiện Kế hoạch 5 năm (2021 - 2025)") == []


def test_any_number_after_a_type_and_so_is_a_reference():
    found = refs("Trả lời công văn số 1025-CVHQ ngày 3/10/2025 của Công ty; văn bản số 6006/BGDĐT; "
                 "Thông tư số 49/2025TT-BCT; Mẫu số 01-ĐĐN")
    assert [(r.type, r.number, r.date) for r in found] == [
        ("Công văn", "1025-CVHQ", "2025-10-03"), ("Văn bản", "6006/BGDĐT", None), ("Thông tư", "49/2025/TT-BCT", None)]


def test_a_senders_symbol_after_so_is_read_whole():
    found = refs("Trả lời công văn số 2025-005/SAV-CHQ ngày 10/11/2025; Đơn đề nghị xác định mã số số 01/CV; "
                 "đơn phản ánh kiến nghị số PAKN.1761647228267; Đơn đề nghị số LOR2025/01; "
                 "Đơn đề nghị số TCHQ_2506_XDTHS08-1; Quyết định phê duyệt số lượng 5/2 người; "
                 "Văn bản đề nghị theo mẫu số 01/MGTH; Văn bản ký số\n\n1/4")
    assert [(r.type, r.number) for r in found] == [
        ("Công văn", "2025-005/SAV-CHQ"), ("Đơn đề nghị", "01/CV"), ("Đơn phản ánh kiến nghị", "PAKN.1761647228267"),
        ("Đơn đề nghị", "LOR2025/01"), ("Đơn đề nghị", "TCHQ_2506_XDTHS08-1")]


def test_what_a_decision_issues_is_the_decision_when_called_this():
    own = LegalRef(text="161/2025/QĐ-UBND", type="Quyết định", number="161/2025/QĐ-UBND")
    (this,) = refs("theo quy định tại Điều 2 Quy chế này")
    resolved = resolve_anaphora(this, [], own)
    assert (resolved.type, resolved.number, resolved.article) == ("Quy chế", "161/2025/QĐ-UBND", "2")
    (party,) = refs("Quy chế số 05-QC/TU")
    assert (party.type, party.number) == ("Quy chế", "05-QC/TU")


def test_a_laws_date_is_part_of_its_citation():
    (law,) = refs("Căn cứ Luật Giá ngày 19 tháng 6 năm 2023;")
    assert (law.text, law.date, law.year) == ("Luật Giá ngày 19 tháng 6 năm 2023", "2023-06-19", 2023)


def test_a_laws_name_reads_its_words_with_their_marks():
    found = refs("của Luật Công nghệ thông tin về công nghiệp; Luật Bảo vệ môi trường và các văn bản; "
                 "Luật Quốc tịch Việt Nam năm 2008; Luat Dat dai nam 2024")
    assert [r.text for r in found] == [
        "Luật Công nghệ thông tin", "Luật Bảo vệ môi trường", "Luật Quốc tịch Việt Nam năm 2008", "Luat Dat dai nam 2024"]


def test_a_laws_name_goes_on_after_a_comma_only_up_to_its_number_or_year():
    found = refs("Luật Cán bộ, công chức số 80/2025/QH15; Luật Thi đua, khen thưởng năm 2022; Luật Đầu tư, Luật Doanh "
                 "nghiệp; Luật Đất đai, các văn bản; Luật Tiêu chuẩn và quy chuẩn kỹ thuật và Luật sửa đổi, bổ sung một số "
                 "điều của Luật Hóa chất; Luật Ban hành văn bản quy phạm pháp luật và Nghị định số 80/2025/NĐ-CP")
    assert [r.number or r.text for r in found] == [
        "80/2025/QH15", "Luật Thi đua, khen thưởng năm 2022", "Luật Đầu tư", "Luật Doanh nghiệp", "Luật Đất đai",
        "Luật Tiêu chuẩn và quy chuẩn kỹ thuật", "Luật sửa đổi, bổ sung một số điều của Luật Hóa chất", "Luật Hóa chất",
        "Luật Ban hành văn bản quy phạm pháp luật", "80/2025/NĐ-CP"]


def test_a_short_name_given_to_a_document_cites_it_with_a_provision_only():
    names = short_names("Thực hiện Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định chi tiết một số "
                        "điều của Luật Phòng thủ dân sự (sau đây viết tắt là Nghị định).")
    cited = short_citations("Ban hành quy chế (Điều 7, 8 Nghị định); lập Quỹ (khoản 4, Điều 51 Nghị định); theo Nghị định.", names)
    assert [(r.number, r.article, r.clause) for r in cited] == [("200/2025/NĐ-CP", "7", None), ("200/2025/NĐ-CP", "51", "4")]


def test_the_provisions_above_leave_out_documents_named_in_a_cited_title():
    text = ("Căn cứ Điều 4 Thông tư số 96/2015/TT-BTC của Bộ Tài chính sửa đổi, bổ sung Điều 6 Thông tư số 78/2014/TT-BTC;\n"
            "Căn cứ Điều 20 Thông tư số 38/2015/TT-BTC được sửa đổi, bổ sung tại Thông tư số 39/2018/TT-BTC về thủ tục.")
    assert [r.number for r in provisions_cited(text)] == ["96/2015/TT-BTC", "38/2015/TT-BTC", "39/2018/TT-BTC"]


def test_a_provision_of_the_document_at_hand_is_that_document():
    own = LegalRef(text="82/2025/QĐ-UBND", type="Quyết định", number="82/2025/QĐ-UBND")
    (this,) = refs("đối tượng quy định tại điểm b khoản 2 và khoản 3 Điều này, đồng thời")
    assert this.text == "khoản 3 Điều này"
    assert [r.text for r in refs("theo điểm a khoản này")] == ["điểm a khoản này"]
    assert refs("điều này cho thấy mức này chưa phù hợp tại địa điểm này") == []
    resolved = resolve_anaphora(this, [], own)
    assert (resolved.type, resolved.number) == ("Quyết định", "82/2025/QĐ-UBND")
    earlier = [LegalRef(text="Nghị định 15/2021/NĐ-CP", type="Nghị định", number="15/2021/NĐ-CP")]
    assert resolve_anaphora(this, earlier, None) is None
    assert refs("các điều kiện nêu trên") == []


def test_a_law_named_without_its_number_is_the_law_the_document_cites_with_one():
    known = refs("Căn cứ Luật Giá số 16/2023/QH15; Căn cứ Luật Giáo dục số 43/2019/QH14;")
    price, other = refs("theo khoản 2 Điều 26 Luật Giá và khoản 1 Điều 4 Nghị định 85/2024/NĐ-CP")
    assert price.text == "khoản 2 Điều 26 Luật Giá"
    resolved = resolve_short_number(price, known)
    assert (resolved.number, resolved.article, resolved.clause) == ("16/2023/QH15", "26", "2")
    (unknown,) = refs("theo Luật Đất đai")
    assert resolve_short_number(unknown, known).number is None


def test_a_laws_name_runs_through_a_comma_to_its_end_and_stops_before_what_is_not_its_name():
    found = refs("theo Luật Phòng, chống thiên tai; Luật Trật tự, an toàn giao thông đường bộ và Luật Đường bộ")
    assert [r.text for r in found] == ["Luật Phòng, chống thiên tai", "Luật Trật tự, an toàn giao thông đường bộ",
                                       "Luật Đường bộ"]
    found = refs("Luật Cán bộ, công chức, Luật Viên chức; Luật Ngân sách nhà nước và quy định hiện hành; "
                 "khoản 3 Điều 41 Luật Di sản văn hóa đối với di tích; theo Luật Đầu tư, doanh nghiệp phải thực hiện")
    assert [r.text for r in found] == ["Luật Cán bộ, công chức", "Luật Viên chức", "Luật Ngân sách nhà nước",
                                       "khoản 3 Điều 41 Luật Di sản văn hóa", "Luật Đầu tư"]
    (long_name,) = refs("thi hành Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015 và các văn bản")
    assert long_name.text == "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015"


def test_the_number_after_a_list_of_amended_laws_is_the_amending_law_s():
    found = refs("theo Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Hải quan, Luật Quản lý, sử dụng tài "
                 "sản công số 90/2025/QH15; Căn cứ Luật Cán bộ, công chức số 80/2025/QH15;")
    assert [(r.text, r.number) for r in found] == [
        ("Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu", "90/2025/QH15"), ("Luật Đấu thầu", None),
        ("Luật Hải quan", None), ("Luật Quản lý, sử dụng tài sản công", None),
        ("Luật Cán bộ, công chức số 80/2025/QH15", "80/2025/QH15")]



def test_a_grounds_law_is_named_by_all_the_clause_has_before_its_date_or_number():
    found = refs("Căn cứ Luật Xuất cảnh, nhập cảnh của công dân tại nước ngoài ngày 02 tháng 3 năm 2019; Luật sửa đổi, bổ "
                 "sung một số điều của 12 luật có liên quan đến thuế ngày 5/6/2020 và Luật sửa đổi, bổ sung một số điều "
                 "của Luật Hải quan, Luật Đầu tư và Luật Thuế số 90/2025/QH15;\nCăn cứ Luật Thực hiện công vụ ở cơ sở ngày "
                 "1/7/2022;\nCăn cứ Luật Đất đai và Luật Nhà ở ngày 27/11/2023;")
    assert [(r.text, r.number, r.date) for r in found] == [
        ("Luật Xuất cảnh, nhập cảnh của công dân tại nước ngoài ngày 02 tháng 3 năm 2019", None, "2019-03-02"),
        ("Luật sửa đổi, bổ sung một số điều của 12 luật có liên quan đến thuế ngày 5/6/2020", None, "2020-06-05"),
        ("Luật sửa đổi, bổ sung một số điều của Luật Hải quan, Luật Đầu tư và Luật Thuế số 90/2025/QH15",
         "90/2025/QH15", None),
        ("Luật Thực hiện công vụ ở cơ sở ngày 1/7/2022", None, "2022-07-01"),
        ("Luật Đất đai", None, None), ("Luật Nhà ở ngày 27/11/2023", None, "2023-11-27")]
    # in prose the name ends at its words, and an amending law named only by what it amends is no reference
    assert [r.text for r in refs("thi hành Luật Thực hiện công vụ ở cơ sở ngày 1/7/2022 và Luật sửa đổi, bổ sung một số "
                                 "điều của 12 luật có liên quan ngày 5/6/2020")] == ["Luật Thực"]

def test_a_code_that_folds_like_another_is_kept_as_written():
    found = refs("Hướng dẫn số 7886/HD-BNV ngày 10/12/2024 và Nghị quyết số 05/NQ-HĐ, Nghị định 32/2024/ND-CP")
    assert [r.number for r in found] == ["7886/HD-BNV", "05/NQ-HĐ", "32/2024/NĐ-CP"]
    assert found[0].type == "Hướng dẫn"


def test_laws_a_numbered_decrees_title_details_are_not_cited():
    found = refs("theo Điều 5 Nghị định số 12/2020/NĐ-CP ngày 01/02/2020 của Chính phủ quy định chi tiết thi hành một số "
                 "điều của Luật Bảo vệ rừng và Luật Lâm nghiệp; thực hiện Luật Thủy lợi")
    assert [(r.text, r.number) for r in found] == [
        ("Điều 5 Nghị định số 12/2020/NĐ-CP ngày 01/02/2020", "12/2020/NĐ-CP"), ("Luật Thủy lợi", None)]
    cited = refs("thực hiện Nghị định số 12/2020/NĐ-CP và Luật Bảo vệ rừng")
    assert [r.text for r in cited] == ["Nghị định số 12/2020/NĐ-CP", "Luật Bảo vệ rừng"]


def test_a_bare_provision_is_one_of_the_document_made_of_articles():
    own = LegalRef(text="Quyết định số 12/2025/QĐ-UBND", type="Quyết định", number="12/2025/QĐ-UBND")
    letter = LegalRef(text="Công văn số 12/UBND-KT", type="Công văn", number="12/UBND-KT")
    found = legal_matcher().find("thực hiện theo quy định tại khoản 2 Điều 8, Điều 9 và tại Điều 3, Điều 4 Thông tư số "
                                 "01/2024/TT-BTC.")
    assert [(ref.text, anaphora) for _, _, ref, anaphora in found] == [
        ("khoản 2 Điều 8, Điều 9", True), ("Điều 4 Thông tư số 01/2024/TT-BTC", False)]
    bare = found[0][2]
    assert resolve_anaphora(bare, [], own).number == "12/2025/QĐ-UBND"
    assert resolve_anaphora(bare, [], letter) is None


def test_a_standard_cites_the_text_the_document_says_issues_it():
    names = short_names("Theo Tiêu chuẩn quốc gia công bố kèm theo Quyết định số 321/QĐ-BKHCN ngày 2 tháng 6 năm 2025 "
                        "của Bộ Khoa học và Công nghệ (TCVN 1234:2025);\n"
                        "b) Quy chuẩn QCVN 05:2021/BQP về an toàn ban hành kèm theo Thông tư số 40/2021/TT-BQP ngày 1/3/2021.")
    cited = short_citations("Lập phương án theo Phần 4 TCVN 1234:2025, QCVN 05:2021/BQP và TCVN 9999:2020.", names)
    assert [(r.number, r.text) for r in cited] == [("321/QĐ-BKHCN", "TCVN 1234:2025"),
                                                   ("40/2021/TT-BQP", "QCVN 05:2021/BQP")]
    assert short_names("Áp dụng TCVN 1234:2025 (Quyết định số 321/QĐ-BKHCN).") == {}


def test_a_part_of_the_document_named_by_its_kind_alone_is_the_document():
    own = LegalRef(text="44/KH-UBND", type="Kế hoạch", number="44/KH-UBND")
    earlier = [LegalRef(text="Kế hoạch số 12/KH-UBND", type="Kế hoạch", number="12/KH-UBND")]
    found = legal_matcher().find("Chủ trì các nhiệm vụ tại mục (IV) (4.1) (4.2) và Phụ lục của Kế hoạch; "
                                 "theo mục II của Kế hoạch số 12/KH-UBND.")
    assert [(ref.number, anaphora) for _, _, ref, anaphora in found] == [(None, True), ("12/KH-UBND", False)]
    assert resolve_anaphora(found[0][2], earlier, own).number == "44/KH-UBND"
    (section,) = [ref for _, _, ref, _ in legal_matcher().find("Triển khai các nhiệm vụ tại mục (IV)(3.4)(a); "
                                                              "theo mục III Kế hoạch số 12/KH-UBND, khoản 3 Mục II "
                                                              "Phụ lục I Nghị định số 6/2021/NĐ-CP.") if not ref.number]
    assert resolve_anaphora(section, earlier, own).number == "44/KH-UBND"


def test_an_annex_or_this_section_named_alone_is_one_of_the_document_at_hand():
    decision = LegalRef(text="2530/QĐ-TTg", type="Quyết định", number="2530/QĐ-TTg")
    dispatch = LegalRef(text="220/CĐ-TTg", type="Công điện", number="220/CĐ-TTg")
    (annex, other) = refs("cấp tín dụng cho các dự án tại Phụ lục II, đảm bảo theo Quyết định số 21/2025/QĐ-TTg")
    assert other.number == "21/2025/QĐ-TTg"
    assert resolve_anaphora(annex, [], decision).number == "2530/QĐ-TTg"
    (attached,) = refs("của 14 bộ, cơ quan ngang bộ (Phụ lục I kèm theo).")
    assert resolve_anaphora(attached, [], dispatch).number == "220/CĐ-TTg"
    (listed,) = refs("Các cơ quan được giao nhiệm vụ tại Danh mục kèm theo có trách nhiệm")
    assert resolve_anaphora(listed, [], decision).number == "2530/QĐ-TTg"
    (section,) = refs("bổ sung theo quy trình và thời hạn quy định tại mục này;")
    assert resolve_anaphora(section, [], decision).number == "2530/QĐ-TTg"
    assert refs("rà soát danh mục này và mức này") == []


def test_an_annex_of_another_document_is_that_document_even_after_its_own_title():
    found = refs("khoản 3 Mục III Phụ lục I Phân loại công trình theo công năng sử dụng, ban hành kèm theo Nghị định "
                 "số 06/2021/NĐ-CP; Phụ lục I Thông tư số 16/2025/TT-BNNMT; Phụ lục III ban hành kèm theo Thông tư này")
    assert [(ref.number, ref.text) for ref in found] == [
        ("06/2021/NĐ-CP", "Nghị định số 06/2021/NĐ-CP"), ("16/2025/TT-BNNMT", "Thông tư số 16/2025/TT-BNNMT"),
        (None, "Thông tư này")]
    assert refs("PHỤ LỤC II") == []
    assert refs("theo Phụ lục V đính kèm Hợp đồng; không có phụ lục kèm theo danh sách") == []


def test_a_named_law_cited_with_its_date_is_the_law_of_that_name_and_year_numbered_elsewhere():
    known = [LegalRef(text="Luật Nhà ở số 27/2023/QH15", type="Luật", number="27/2023/QH15", year=2023)]
    (dated,) = refs("theo quy định tại Khoản 1 Điều 121 Luật Nhà ở ngày 27/11/2023.")
    (other_year,) = refs("theo Luật Nhà ở ngày 25/11/2014.")
    assert (resolve_short_number(dated, known).number, resolve_short_number(dated, known).article) == ("27/2023/QH15", "121")
    assert resolve_short_number(other_year, known).number is None


def test_the_document_a_decision_issues_is_named_by_its_kind_and_title():
    title = issued_title("ban hành Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở thể thao thời kỳ 2021-2030")
    assert title == "ke hoach thuc hien quy hoach mang"
    assert names_issued("Tổ chức đánh giá thực hiện Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở thể thao.", title)
    assert not names_issued("Xây dựng kế hoạch thực hiện quy hoạch mạng lưới cơ sở của tỉnh.", title)
    assert issued_title("về việc tăng cường công tác phòng cháy") is None


def test_a_plan_that_carries_out_a_numbered_decision_does_not_issue_what_that_decision_issues():
    assert issued_title("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH "
                        "KẾ HOẠCH TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT") is None


def test_a_law_named_alone_after_its_dated_citation_is_that_law():
    dated, again, other_year, amending = refs("Căn cứ Luật Chợ ngày 10/11/2024; theo Luật Chợ, Luật Chợ năm 2010 và Luật "
                                               "sửa đổi, bổ sung một số điều của Luật Chợ")[:4]
    assert named_before(again, [dated]) and not named_before(other_year, [dated])
    assert not named_before(dated, []) and not named_before(amending, [dated])


def test_a_normative_document_named_by_its_issuer_and_title_needs_no_draft_word():
    (decree,) = refs("Tham mưu ban hành Nghị định của Chính phủ về quản lý kho số viễn thông; hoàn thành trong năm")
    assert (decree.text, decree.type, decree.number) == ("Nghị định của Chính phủ về quản lý kho số viễn thông",
                                                         "Nghị định", None)
    (resolution,) = refs("thực hiện Nghị quyết quy phạm pháp luật của Bộ Chính trị về phát triển vùng núi để có cơ sở")
    assert resolution.text == "Nghị quyết quy phạm pháp luật của Bộ Chính trị về phát triển vùng núi"
    (decision,) = refs("Trình Thủ tướng ban hành Quyết định về Khung dữ liệu, Khung quản trị mở.")
    assert decision.text == "Quyết định về Khung dữ liệu, Khung quản trị mở"
    assert refs("Quyết định về việc khen thưởng tập thể") == []  # the verb "decide" opening a sentence
    assert refs("thực hiện các Nghị quyết của Quốc hội, Nghị quyết của Chính phủ") == []  # no title: no one document


def test_a_draft_of_a_kind_in_lower_case_is_any_such_draft():
    assert refs("có ý kiến đối với dự thảo nghị quyết của Hội đồng nhân dân tỉnh, dự thảo quyết định của Ủy ban") == []
    assert refs("thẩm định dự thảo nghị quyết quy phạm pháp luật của Hội đồng nhân dân tỉnh về phí") == []


def test_a_draft_law_named_with_what_it_does_to_the_law_in_force():
    assert [r.text for r in refs("Xây dựng Luật Thuế tài nguyên sửa đổi, bổ sung, trong đó nghiên cứu")] == [
        "Luật Thuế tài nguyên sửa đổi, bổ sung"]
    assert [r.text for r in refs("Xây dựng Luật Thuế tài nguyên (thay thế)")] == ["Luật Thuế tài nguyên (thay thế)"]
    assert [r.text for r in refs("theo Luật Thuế tài nguyên sửa đổi, bổ sung một số điều")] == ["Luật Thuế tài nguyên"]


def test_a_code_goes_on_across_a_space_after_an_ampersand():
    (ref,) = refs("tại Công văn số 812/SXD-QLN& KDBĐS ngày 3/4/2025 của Sở Xây dựng")
    assert ref.number == "812/SXD-QLN&KDBDS" and ref.date == "2025-04-03"


def test_a_match_that_names_no_document_does_not_hide_the_one_inside_it():
    assert [r.text for r in refs("các Thông tư hướng dẫn Luật Đo đạc theo hướng đơn giản")] == ["Luật Đo đạc"]


def test_a_comma_goes_on_in_a_law_name_up_to_a_preposition_or_hoac():
    assert [r.text for r in refs("theo Điều 12 Luật Phòng, chống thiên tai trên các tuyến đê")] == [
        "Điều 12 Luật Phòng, chống thiên tai"]
    assert [r.text for r in refs("trừ trường hợp tại khoản 2 Điều 9 Luật Cán bộ, công chức hoặc đang bị xử lý")] == [
        "khoản 2 Điều 9 Luật Cán bộ, công chức"]
    assert [r.text for r in refs("thực hiện Luật Đất đai, bảo đảm tiến độ trên địa bàn")] == ["Luật Đất đai"]
    assert [r.text for r in refs("tại Điều 4 của Luật Đất đai hoặc khác mục đích")] == ["Điều 4 của Luật Đất đai"]
