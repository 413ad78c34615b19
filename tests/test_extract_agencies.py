import pytest

from ccn_docs.extract.agencies import canonical_agency, gazetteer, issuing_locality


def names(text):
    return [m.canonical for m in gazetteer().match_start(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sở KH&ĐT chủ trì", ["Sở Kế hoạch và Đầu tư"]),
        ("UBND các huyện, thị xã, thành phố thực hiện", ["Ủy ban nhân dân các huyện, thị xã, thành phố"]),
        ("Bộ CHQS tỉnh có trách nhiệm", ["Bộ Chỉ huy Quân sự tỉnh"]),
        ("Chủ tịch UBND tỉnh Hà Nam chỉ đạo", ["Ủy ban nhân dân tỉnh Hà Nam"]),
        ("Các Bộ: Quốc phòng, Văn hóa, Thể thao và Du lịch chỉ đạo",
         ["Bộ Quốc phòng", "Bộ Văn hóa, Thể thao và Du lịch"]),
        ("Sở Thông tin và Truyền thông, Đài Phát thanh và Truyền hình tỉnh, Báo Hà Nam: phối hợp",
         ["Sở Thông tin và Truyền thông", "Đài Phát thanh và Truyền hình tỉnh", "Báo Hà Nam"]),
        ("Các sở, cơ quan có liên quan", ["Các sở, cơ quan có liên quan"]),
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp tỉnh Hà Nam cấp giấy phép",
         ["Ban Quản lý các khu công nghệ cao và khu công nghiệp tỉnh Hà Nam"]),
        ("Trung tâm Phục vụ hành chính công tỉnh Hà Nam tổ chức đánh giá hồ sơ", ["Trung tâm Phục vụ hành chính công tỉnh Hà Nam"]),
        ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh chỉ đạo", ["Bộ Chỉ huy Quân sự tỉnh"]),
        ("Viễn thông Ninh Bình, Bưu điện tỉnh Hà Nam phối hợp", ["Viễn thông Ninh Bình", "Bưu điện tỉnh Hà Nam"]),
        ("Đoàn đại biểu Quốc hội tỉnh giám sát", ["Đoàn đại biểu Quốc hội tỉnh"]),
        ("Liên hiệp các hội Khoa học và Kỹ thuật tỉnh có trách nhiệm", ["Liên hiệp các hội Khoa học và Kỹ thuật tỉnh"]),
        ("Chính phủ, Hội đồng nhân dân, Ủy ban nhân dân tỉnh Cà Mau có trách nhiệm",
         ["Chính phủ", "Hội đồng nhân dân tỉnh Cà Mau", "Ủy ban nhân dân tỉnh Cà Mau"]),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam các cấp thành phố Hà Nội tham gia",
         ["Ủy ban Mặt trận Tổ quốc Việt Nam các cấp thành phố Hà Nội"]),
        ("Hội đồng Thi đua - Khen thưởng các cấp thực hiện", ["Hội đồng Thi đua - Khen thưởng các cấp"]),
        # deputies elected in a province, and their delegation listed before them, take its name
        ("Các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Cà Mau giám sát",
         ["Các Ủy ban của Quốc hội", "Đoàn đại biểu Quốc hội tỉnh Cà Mau", "Đại biểu Quốc hội tỉnh Cà Mau"]),
        ("Sở Y tế, Công an tỉnh phối hợp", ["Sở Y tế", "Công an tỉnh"]),
        ("Thường trực Hội đồng nhân dân tỉnh, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát",
         ["Thường trực Hội đồng nhân dân tỉnh", "Các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh"]),
        ("Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và các đại biểu Hội đồng nhân "
         "dân Thành phố giám sát",
         ["Thường trực Hội đồng nhân dân Thành phố", "Các Ban của Hội đồng nhân dân Thành phố",
          "Các Tổ đại biểu Hội đồng nhân dân Thành phố", "Các đại biểu Hội đồng nhân dân Thành phố"]),
        # a part that names the scope already does not stop it reaching the part before it
        ("Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân Thành phố, các Tổ đại biểu và đại biểu Hội đồng "
         "nhân dân Thành phố giám sát",
         ["Thường trực Hội đồng nhân dân Thành phố", "Các Ban của Hội đồng nhân dân Thành phố",
          "Các Tổ đại biểu và đại biểu Hội đồng nhân dân Thành phố"]),
        ("Ban Chỉ đạo họp định kỳ 06 tháng một lần", ["Ban Chỉ đạo"]),
        ("Phó Trưởng ban Thường trực Ban Chỉ đạo giúp Trưởng ban điều hành", ["Phó Trưởng ban Thường trực Ban Chỉ đạo"]),
        ("Phó Trưởng Ban Chỉ đạo giúp Trưởng ban điều hành", ["Phó Trưởng Ban Chỉ đạo"]),
        ("Trưởng ban Ban Chỉ đạo phân công nhiệm vụ", ["Ban Chỉ đạo"]),
        ("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã tổ chức diễn tập",
         ["Ban Chỉ huy Phòng thủ dân sự cấp tỉnh", "Ban Chỉ huy Phòng thủ dân sự cấp xã"]),
        ("Ủy ban nhân dân các cấp triển khai", ["Ủy ban nhân dân các cấp"]),
        ("Sở Tài chính, các cơ quan và Ủy ban nhân dân tỉnh phối hợp", ["Sở Tài chính", "Các cơ quan", "Ủy ban nhân dân tỉnh"]),
        ("Các cơ quan chuyên môn, các đơn vị sự nghiệp thuộc Ủy ban nhân dân tỉnh phối hợp",
         ["Các cơ quan chuyên môn", "Các đơn vị sự nghiệp thuộc Ủy ban nhân dân tỉnh"]),
    ],
)
def test_agencies_at_the_start_are_canonical(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("S¢ Ké hoach va Pau tw", "Sở Kế hoạch và Đầu tư"),
        ("Sé¢ Tai chinh", "Sở Tài chính"),
        ("S& Tu phap: Tich cuc phoi hop", "Sở Tư pháp"),
        ("UBND huyén, thanh phd, thi xi", "Ủy ban nhân dân huyện, thành phố, thị xã"),
    ],
)
def test_ocr_damaged_names_match_fuzzily(ocr, expected):
    assert names(ocr)[0] == expected


def test_common_words_are_not_agencies():
    assert names("công an xã, lực lượng vũ trang") == []
    assert names("Thanh tra, kiểm tra việc chấp hành") == []
    # a two-word name is one letter from ordinary words: no fuzzy match ("Thành đoàn", "Đảng ủy")
    assert names("Thanh toán không dùng tiền mặt") == []
    assert names("Đăng ký hoạt động") == []
    assert [m.canonical for m in gazetteer().find("theo Công điện số 217/CĐ-TTg")] == []


def test_capitalised_verb_after_scope_is_not_a_proper_name():
    assert names("Công an Thành phố Chỉ đạo Công an các xã") == ["Công an thành phố"]
    assert names("Sở Tài chính Giao Công an tỉnh phối hợp") == ["Sở Tài chính"]


def test_a_place_whose_first_word_is_also_a_verb_goes_on_with_the_name():
    assert names("Báo và Phát thanh, Truyền hình Cần Thơ phối hợp") == ["Báo và Phát thanh, Truyền hình Cần Thơ"]


def test_canonical_agency_reads_a_body_of_the_issuing_locality_with_or_without_the_place_name():
    hanoi = issuing_locality("Hội đồng nhân dân thành phố Hà Nội")
    assert hanoi == ("thanh pho", "ha noi")
    assert issuing_locality("Thủ tướng Chính phủ") is None
    assert canonical_agency("Ủy ban nhân dân thành phố Hà Nội", hanoi) == canonical_agency("UBND Thành phố", hanoi)
    assert canonical_agency("Ủy ban nhân dân thành phố Hải Phòng", hanoi) != canonical_agency("UBND Thành phố", hanoi)
    assert canonical_agency("Ủy ban nhân dân thành phố Hà Nội") != canonical_agency("UBND Thành phố")


def test_canonical_agency_reads_the_bare_level_word_as_the_issuing_place():
    quang_ngai = issuing_locality("Ủy ban nhân dân tỉnh Quảng Ngãi")
    same = {canonical_agency(name, quang_ngai) for name in (
        "Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi", "Sở Nông nghiệp và Môi trường tỉnh", "Sở Nông nghiệp và Môi trường")}
    assert len(same) == 1
    assert canonical_agency("Sở Y tế tỉnh Bình Định", quang_ngai) != canonical_agency("Sở Y tế", quang_ngai)
    assert canonical_agency("Ủy ban nhân dân cấp tỉnh", quang_ngai) != canonical_agency("Ủy ban nhân dân tỉnh", quang_ngai)
    assert canonical_agency("Sở Y tế tỉnh") != canonical_agency("Sở Y tế")


def test_canonical_agency_compares_abbreviations_and_case():
    assert canonical_agency("UBND TỈNH") == canonical_agency("Ủy ban nhân dân tỉnh")
    assert canonical_agency("Sở TN&MT") == canonical_agency("sở tài nguyên và môi trường")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a task given to a person
        ("Phó Thủ tướng Chính phủ Lê Văn Nam trực tiếp chỉ đạo", ["Phó Thủ tướng Chính phủ Lê Văn Nam"]),
        # a role heading a unit names the unit, not the body it belongs to
        ("Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ": the ministers' bodies are part of the collective
        ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ chỉ đạo",
         ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
        ("các đồng chí Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, Chủ tịch UBND các tỉnh chỉ đạo",
         ["Các bộ, cơ quan ngang Bộ", "Ủy ban nhân dân các tỉnh"]),
        # a scope with a region and a range; a place name is not a level word ("Hà Tĩnh")
        ("Chủ tịch UBND các tỉnh, thành phố ven biển từ Hà Tĩnh đến Quảng Trị tổ chức",
         ["Ủy ban nhân dân các tỉnh, thành phố ven biển từ Hà Tĩnh đến Quảng Trị"]),
        ("UBND tỉnh Hà Tĩnh chủ trì", ["Ủy ban nhân dân tỉnh Hà Tĩnh"]),
        ("Ủy ban Pháp luật và Tư pháp, các Ủy ban của Quốc hội phối hợp",
         ["Ủy ban Pháp luật và Tư pháp của Quốc hội", "Các Ủy ban của Quốc hội"]),
        # the party's committees are named with the party
        ("Các cấp ủy Đảng lãnh đạo, chỉ đạo", ["Các cấp ủy Đảng"]),
    ],
)
def test_persons_units_collectives_and_long_scopes(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a body unknown to the gazetteer is named by its head noun, up to its predicate
        ("Cục Kết cấu hạ tầng xây dựng tham mưu việc chỉ đạo", ["Cục Kết cấu hạ tầng xây dựng"]),
        ("Trung tâm Phục vụ hành chính công tỉnh chủ trì", ["Trung tâm Phục vụ hành chính công tỉnh"]),
        ("Tập đoàn Công nghiệp-Năng lượng quốc gia Việt Nam báo cáo", ["Tập đoàn Công nghiệp-Năng lượng quốc gia Việt Nam"]),
        ("Cục Kinh tế - Quản lý đầu tư xây dựng chủ trì", ["Cục Kinh tế - Quản lý đầu tư xây dựng"]),
        ("Chánh Văn phòng Ban Chỉ đạo phòng chống thiên tai theo dõi sát", ["Văn phòng Ban Chỉ đạo phòng chống thiên tai"]),
        # a known name ends at its predicate, even one that also names ("xây dựng")
        ("Sở Tài chính xây dựng kế hoạch", ["Sở Tài chính"]),
        # a shared head noun is expanded; "và" inside a known name stays
        ("Các Bộ: Tài chính, Xây dựng chủ trì", ["Bộ Tài chính", "Bộ Xây dựng"]),
        ("Các Sở Y tế và Giáo dục và Đào tạo phối hợp", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
        ("Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo", ["Bộ Quốc phòng", "Bộ Công an"]),
        # titles stand for their body; a deputy keeps the office
        ("Hiệu trưởng các trường đại học chỉ đạo", ["Các trường đại học"]),
        ("Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn An chỉ đạo", ["Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn An"]),
        # bodies outside the state apparatus, and places standing for their authority
        ("Chủ đầu tư phối hợp chặt chẽ", ["Chủ đầu tư"]),
        ("Các tổ chức chính trị - xã hội", ["Các tổ chức chính trị - xã hội"]),
        ("Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh", ["Thành phố Hà Nội", "Tỉnh Bắc Ninh", "Tỉnh Gia Lai"]),
        # the document's own province or city, named by its level alone before its verb; not a village's "bản"
        ("Tỉnh căn cứ các quy định hiện hành để bố trí", ["Tỉnh"]),
        ("Thành phố tổ chức trao tặng", ["Thành phố"]),
        ("Bản tổng hợp ý kiến đại biểu", []),
        # a head shared by listed places is expanded, and a party committee coordinated with it too
        ("Ủy ban nhân dân các tỉnh, thành phố: Đồng Nai, Hồ Chí Minh quyết liệt chỉ đạo",
         ["Ủy ban nhân dân tỉnh Đồng Nai", "Ủy ban nhân dân thành phố Hồ Chí Minh"]),
        ("Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai chỉ đạo",
         ["Tỉnh ủy Đắk Lắk", "Tỉnh ủy Gia Lai", "Ủy ban nhân dân tỉnh Đắk Lắk", "Ủy ban nhân dân tỉnh Gia Lai"]),
        # a place written with its capital ("Thành phố Hồ Chí Minh") after a body named with its place shares the head
        ("UBND thành phố Hà Nội, Thành phố Hồ Chí Minh triển khai",
         ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hồ Chí Minh"]),
        ("Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng tổ chức",
         ["Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng"]),
        # a verb that also names ends a list of kinds of body; a region is a scope
        ("Các sở, ngành tổ chức triển khai kế hoạch", ["Các sở, ngành"]),
        ("Ngân hàng Nhà nước chi nhánh khu vực 14 chỉ đạo", ["Ngân hàng Nhà nước chi nhánh khu vực 14"]),
        # a heading naming kinds of body without "các", and a body after them
        ("Sở, ban, ngành thành phố và Ủy ban nhân dân xã, phường",
         ["Sở, ban, ngành thành phố", "Ủy ban nhân dân xã, phường"]),
        ("Cấp mới, đổi thẻ", []),
        # a noun that begins like a verb is no predicate ("giao thông", "Chương trình")
        ("Các doanh nghiệp vận tải giao thông phối hợp", ["Các doanh nghiệp vận tải giao thông"]),
        ("Liên minh Hợp tác xã Việt Nam tăng cường", ["Liên minh Hợp tác xã Việt Nam"]),
        # "từng" like "các"; people by their standing only in such a list; a body after "của"; emphasis
        ("Từng bộ, ngành, từng cán bộ, công chức và các nhà thầu tích cực đổi mới",
         ["Từng bộ, ngành", "Từng cán bộ, công chức", "Các nhà thầu"]),
        ("Công chức phải mặc trang phục", []),
        ("Các thành viên của Ban Chỉ đạo phải tiếp tục", ["Các thành viên của Ban Chỉ đạo"]),
        ("Các bộ, ngành, nhất là Bộ Công an chỉ đạo", ["Các bộ, ngành", "Bộ Công an"]),
        # a subject after "Đối với"
        ("Đối với các chủ đầu tư cần nhanh chóng dọn dẹp mặt bằng", ["Các chủ đầu tư"]),
        # words that begin with a head noun are no names
        ("Báo cáo kết quả về Sở", []),
        ("TỔ CHỨC THỰC HIỆN", []),
        # a role held by the body in brackets, a head over a committee, titles standing for their body
        ("Nhà đầu tư (Tập đoàn Đèo Cả) rà soát kế hoạch", ["Tập đoàn Đèo Cả"]),
        ("Văn phòng UBND tỉnh (Trung tâm Thông tin tỉnh) đăng tải", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("Thường trực Tỉnh ủy Thanh Hóa lãnh đạo", ["Thường trực Tỉnh ủy Thanh Hóa"]),
        ("Tỉnh ủy Thanh Hóa chỉ đạo", ["Tỉnh ủy Thanh Hóa"]),
        ("Trung tâm Chuyển đổi số Thành phố chủ trì", ["Trung tâm Chuyển đổi số thành phố"]),
        ("Ban Quản lý dự án số 2 chủ trì", ["Ban Quản lý dự án số 2"]),
        ("Đồng chí Bộ trưởng Bộ Y tế, Thứ trưởng Bộ Y tế phụ trách lĩnh vực bám sát", ["Bộ Y tế"]),
        ("Chủ tịch Hội đồng thành viên Tập đoàn Dầu khí Việt Nam chỉ đạo", ["Tập đoàn Dầu khí Việt Nam"]),
        ("Tổng Kiểm toán Nhà nước chỉ đạo", ["Kiểm toán Nhà nước"]),
        ("Hội đồng Thi đua - Khen thưởng các cấp phân công", ["Hội đồng Thi đua - Khen thưởng các cấp"]),
        ("Binh chủng Hóa học thẩm định dự toán", ["Binh chủng Hóa học"]),
    ],
)
def test_agencies_by_grammar(text, expected):
    assert [m.canonical for m in gazetteer().match_start(text, subject=True)] == expected


def test_an_abbreviation_a_document_defines_reads_as_its_body_only_while_that_document_is_read():
    full = "Trung tâm Điều phối rà phá quốc gia"
    with gazetteer().defining({"NCDP": full}):
        assert names("NCDP thẩm định phương án") == [full]
        assert names("Tổng Giám đốc NCDP quy định phạm vi") == [full]  # the head stands for the body
        assert [m.canonical for m in gazetteer().find("báo cáo Sở Y tế và NCDP kết quả")] == ["Sở Y tế", full]
    assert names("NCDP thẩm định phương án") == []


def test_diacritics_keep_place_names_apart_from_level_and_function_words():
    assert names("UBND tỉnh Hà Tĩnh chủ trì") == ["Ủy ban nhân dân tỉnh Hà Tĩnh"]
    assert names("Báo Hà Nam phối hợp") == ["Báo Hà Nam"]


def test_a_heading_in_capitals_keeps_its_words_apart_from_levels_and_ends_a_name_at_a_new_cac():
    assert names("CƠ QUAN THUẾ VÀ CÁC CƠ QUAN, ĐƠN VỊ KHÁC CÓ LIÊN QUAN") == [
        "Cơ quan Thuế", "Các cơ quan, đơn vị khác có liên quan"]
    assert names("HDND TỈNH phối hợp") == ["Hội đồng nhân dân tỉnh"]


def test_words_that_open_with_a_level_are_told_from_a_body_s_own_words():
    assert gazetteer().opens_with_level("cấp xã")
    assert gazetteer().opens_with_level("tỉnh Quảng Ninh")
    assert not gazetteer().opens_with_level("quân sự cấp xã")
    assert not gazetteer().opens_with_level("xã hội")


def test_abbreviations_inside_a_name_are_spelled_out():
    assert gazetteer().spelled_out("Các doanh nghiệp đang hoạt động trong KCN") == \
        "Các doanh nghiệp đang hoạt động trong Khu công nghiệp"
    assert gazetteer().spelled_out("VNPT") == "VNPT"


@pytest.mark.parametrize(
    "ocr, expected",
    [
        ("Các Bộ: Tư pháp;-Nội vụ phối hợp", ["Bộ Tư pháp", "Bộ Nội vụ"]),
        ("Các Bộ: Y tế;'Ngoại giao, Tài chính hướng dẫn", ["Bộ Y tế", "Bộ Ngoại giao", "Bộ Tài chính"]),
        ("Các sở, ban .ngành của tỉnh triển khai", ["Các sở, ban, ngành của tỉnh"]),
    ],
)
def test_a_list_comma_misread_by_ocr_still_separates_names(ocr, expected):
    assert names(ocr) == expected


def test_a_council_s_delegates_group_named_without_cac_goes_on_in_the_list():
    found = gazetteer().match_start("Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân, Tổ đại biểu và các đại biểu "
                                    "Hội đồng nhân dân thành phố giám sát", subject=True)
    assert [m.canonical for m in found][-2:] == ["Tổ đại biểu Hội đồng nhân dân thành phố",
                                                 "Các đại biểu Hội đồng nhân dân thành phố"]



@pytest.mark.parametrize(
    "text, expected",
    [
        # a known name does not cut a longer one going on after "và", nor a list of two bodies
        ("Ban Dân tộc và Tôn giáo tỉnh chủ trì thực hiện.", ["Ban Dân tộc và Tôn giáo tỉnh"]),
        ("Ban Dân tộc và Sở Y tế phối hợp.", ["Ban Dân tộc", "Sở Y tế"]),
        ("Sở Tài chính và Sở Xây dựng phối hợp.", ["Sở Tài chính", "Sở Xây dựng"]),
        # a body of a party committee keeps the committee in its name; a level stays a level
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy phối hợp.", ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]),
        ("Ủy ban Kiểm tra Thành ủy Hà Nội chủ trì.", ["Ủy ban Kiểm tra Thành ủy Hà Nội"]),
        ("Ủy ban nhân dân tỉnh phối hợp.", ["Ủy ban nhân dân tỉnh"]),
        # lower-case words that "và" joins to the capitalised rest of a name are in it
        ("Giao Trung tâm Công nghệ thông tin và Truyền thông tỉnh thực hiện.",
         ["Trung tâm Công nghệ thông tin và Truyền thông tỉnh"]),
        ("Sở Y tế chỉ đạo và Sở Tài chính phối hợp.", ["Sở Y tế", "Sở Tài chính"]),
        # a body named straight before another is that one's
        ("Đảng ủy Ủy ban nhân dân tỉnh chủ trì, phối hợp.", ["Đảng ủy Ủy ban nhân dân tỉnh"]),
        ("Giao Sở Nội vụ, Đảng ủy Công an tỉnh thực hiện.", ["Sở Nội vụ", "Đảng ủy Công an tỉnh"]),
        # the scope closes a name over the words that would end it; not over a clause's verb, a function word, "các"
        ("Giao Trung tâm Quan trắc tài nguyên và môi trường tỉnh thực hiện.",
         ["Trung tâm Quan trắc tài nguyên và môi trường tỉnh"]),
        ("Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh chủ trì.",
         ["Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh"]),
        ("Sở Y tế hướng dẫn các xã thực hiện.", ["Sở Y tế", "Các xã"]),
        ("Trung tâm Y tế kiểm tra tại các xã.", ["Trung tâm Y tế", "Các xã"]),
        # a kind's modifiers go on after a comma; a verb of the clause or another kind does not
        ("Các cơ sở sản xuất, kinh doanh chủ động triển khai.", ["Các cơ sở sản xuất, kinh doanh"]),
        ("Các cơ quan, đơn vị tuyên truyền, phổ biến.", ["Các cơ quan, đơn vị"]),
        ("Các doanh nghiệp, hợp tác xã thực hiện.", ["Các doanh nghiệp, hợp tác xã"]),
        # and so does their level, up to the next body after "và"; "và" and a task's words do not
        ("Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh và Ủy ban nhân dân các xã, phường: Phối hợp.",
         ["Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh", "Ủy ban nhân dân các xã, phường"]),
        ("Sở Tài chính, các Sở quản lý ngành, lĩnh vực cấp tỉnh có trách nhiệm.",
         ["Sở Tài chính", "Các Sở quản lý ngành, lĩnh vực cấp tỉnh"]),
        ("Các cơ sở sản xuất, kinh doanh trên địa bàn tỉnh thực hiện.", ["Các cơ sở sản xuất, kinh doanh trên địa bàn tỉnh"]),
        # "số" ends a name before its body's own verb, and before a number it is no part of one
        ("Trung tâm Chuyển đổi số thực hiện.", ["Trung tâm Chuyển đổi số"]),
        ("Các doanh nghiệp công nghệ số chủ động tham gia.", ["Các doanh nghiệp công nghệ số"]),
        # a verb that also names goes on through a modifier up to the level that closes the name
        ("Các Sở quản lý công trình xây dựng chuyên ngành Thành phố chủ trì thẩm định.",
         ["Các Sở quản lý công trình xây dựng chuyên ngành Thành phố"]),
        # a kind's name ends where its predicate opens: an adverb before the verb, or verbs in a row
        ("Các lực lượng ngay khi nhận được lệnh phải khẩn trương đến nơi xảy ra cháy.", ["Các lực lượng"]),
        ("Các bộ, ngành, địa phương định kỳ hằng năm gửi báo cáo.", ["Các bộ, ngành, địa phương"]),
        ("Các ngân hàng thương mại tham gia phối hợp với Sở Y tế tuyên truyền.",
         ["Các ngân hàng thương mại", "Sở Y tế"]),
        ("Các doanh nghiệp tham gia chương trình báo cáo kết quả.", ["Các doanh nghiệp tham gia chương trình"]),
        ("Các đơn vị quản lý phối hợp kiểm tra.", ["Các đơn vị quản lý"]),
        # a place name with an apostrophe keeps its last syllable
        ("Giao Ủy ban nhân dân xã Ea H'leo thực hiện.", ["Ủy ban nhân dân xã Ea H'leo"]),
        ("Ủy ban nhân dân xã Cư M’gar chủ trì.", ["Ủy ban nhân dân xã Cư M’gar"]),
    ],
)
def test_whole_names(text, expected):
    assert [m.canonical for m in gazetteer().find(text)] == expected


def test_a_list_runs_on_only_up_to_what_it_does():
    grammar = gazetteer()
    text = "Sở Y tế, cơ quan báo chí địa phương và Ủy ban nhân dân các xã phối hợp tuyên truyền."
    found = grammar.match_start(text, None, subject=True)
    verb = lambda rest: rest.strip().startswith("phối hợp")  # noqa: E731
    assert [m.canonical for m in grammar.list_run_on(text, found, verb)] == [
        "Sở Y tế", "Cơ quan báo chí địa phương", "Ủy ban nhân dân các xã"]
    # a list that does not end where the clause's verb starts is left as the grammar read it
    assert grammar.list_run_on(text, found, lambda rest: False) == found
    # a member in capitals the grammar could not read is no kind of body named in common words
    text = "Sở Y tế, Cơ quan đại diện phía Nam phối hợp tuyên truyền."
    found = grammar.match_start(text, None, subject=True)
    assert [m.canonical for m in grammar.list_run_on(text, found, verb)] == [m.canonical for m in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        # places listed in lower case after a body named with its place share its head
        ("Ủy ban nhân dân tỉnh Nam Định, tỉnh Thái Bình và thành phố Cần Thơ hỗ trợ các tỉnh.",
         ["Ủy ban nhân dân tỉnh Nam Định", "Ủy ban nhân dân tỉnh Thái Bình", "Ủy ban nhân dân thành phố Cần Thơ"]),
        ("Sở Y tế tỉnh Bắc Ninh, tỉnh Lạng Sơn chỉ đạo.", ["Sở Y tế tỉnh Bắc Ninh", "Sở Y tế tỉnh Lạng Sơn"]),
        # places alone stay places, and a place after a body named without one is no place of that body
        ("Thành phố Đà Nẵng, tỉnh Lâm Đồng chỉ đạo.", ["Thành phố Đà Nẵng", "Tỉnh Lâm Đồng"]),
        ("Bộ Xây dựng, tỉnh Lâm Đồng chỉ đạo.", ["Bộ Xây dựng", "Tỉnh Lâm Đồng"]),
        # a head noun with no name of its own ends a place's name
        ("Ủy ban nhân dân thành phố Hải Phòng chỉ đạo.", ["Ủy ban nhân dân thành phố Hải Phòng"]),
        ("Ủy ban nhân dân tỉnh Cao Bằng, Ban Chỉ đạo tỉnh phối hợp.", ["Ủy ban nhân dân tỉnh Cao Bằng", "Ban Chỉ đạo tỉnh"]),
        # "Các Bộ, cơ quan: …": the kind after the head names the members that have a head of their own
        ("Các Bộ, cơ quan: Tư pháp, Công Thương, Tập đoàn Dầu khí Việt Nam rà soát.",
         ["Bộ Tư pháp", "Bộ Công Thương", "Tập đoàn Dầu khí Việt Nam"]),
        ("Các Bộ, ngành liên quan rà soát.", ["Các Bộ, ngành liên quan"]),
        # two names of one body joined by "/" share the scope that closes the second
        ("Sở Nội vụ/Sở Lao động tỉnh, thành phố trực thuộc Trung ương hướng dẫn.",
         ["Sở Nội vụ tỉnh, thành phố trực thuộc Trung ương", "Sở Lao động tỉnh, thành phố trực thuộc Trung ương"]),
        ("Sở Y tế/Sở Tài chính chỉ đạo.", ["Sở Y tế", "Sở Tài chính"]),
        # a unit and the body over it are no alternatives
        ("Cục Quản lý dược/Tổng cục Dân số chỉ đạo.", ["Cục Quản lý dược"]),
        # levels written with "/" are one scope, as with commas; a body after "/" is another name
        ("UBND các xã/phường/đặc khu tổ chức thu gom rác thải.", ["Ủy ban nhân dân các xã/phường/đặc khu"]),
        ("Ủy ban nhân dân tỉnh/thành phố chỉ đạo.", ["Ủy ban nhân dân tỉnh/thành phố"]),
        ("UBND cấp xã/phường kiểm tra.", ["Ủy ban nhân dân cấp xã/phường"]),
        ("UBND tỉnh/Sở Y tế chỉ đạo.", ["Ủy ban nhân dân tỉnh"]),
    ],
)
def test_heads_and_scopes_shared_by_a_list(text, expected):
    assert [m.canonical for m in gazetteer().match_start(text, None, subject=True)] == expected


def test_canonical_agency_reads_a_level_however_its_units_are_listed():
    provincial = canonical_agency("Ủy ban nhân dân cấp tỉnh")
    assert canonical_agency("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương") == provincial
    assert canonical_agency("UBND các tỉnh/thành phố") == provincial
    assert canonical_agency("Ủy ban nhân dân cấp xã") == canonical_agency("UBND các xã, phường, đặc khu")
    assert canonical_agency("Ủy ban nhân dân tỉnh") != provincial
    assert canonical_agency("Ủy ban nhân dân cấp huyện") != canonical_agency("Ủy ban nhân dân cấp xã")
    assert canonical_agency("Sở Tài chính, Sở Xây dựng") != canonical_agency("Sở Tài chính")
