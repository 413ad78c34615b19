"""bench/ocr_heavy.py: which draws of the scan member count as heavy damage."""

from ccn_docs import synth

from bench.ocr_heavy import HEAVY_FADE, HEAVY_JPEG_QUALITY, heavy_damage


def is_heavy(damage: synth.Damage) -> bool:
    return damage.fade > HEAVY_FADE or (damage.jpeg_quality or 100) < HEAVY_JPEG_QUALITY


def test_the_first_heavy_draw_from_a_seed_on_is_taken() -> None:
    seed, damage = heavy_damage(2024)
    assert damage == synth.sample_damage("scan", seed)
    assert is_heavy(damage)
    assert not any(is_heavy(synth.sample_damage("scan", earlier)) for earlier in range(2024, seed))


def test_light_draws_are_passed_over() -> None:
    light = next(seed for seed in range(2024, 3024) if not is_heavy(synth.sample_damage("scan", seed)))
    seed, _ = heavy_damage(light)
    assert seed > light
