from eduforge.site.slug import Slugger, content_slug, github_slug


def test_github_slug_drops_punctuation_and_lowercases() -> None:
    assert github_slug('Seorang "Backend Programmer"') == "seorang-backend-programmer"
    assert github_slug("Tapi, Apa itu Backend?") == "tapi-apa-itu-backend"
    assert github_slug("Über uns — 2024") == "über-uns--2024"
    assert github_slug("snake_case and-dash") == "snake_case-and-dash"


def test_slugger_numbers_repeats_like_github_slugger() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ["A", "A", "A-1", "A"]] == ["a", "a-1", "a-1-1", "a-2"]


def test_content_slug_per_segment_and_index() -> None:
    assert content_slug("tutorials/Git/instalasi-git") == "tutorials/git/instalasi-git"
    assert content_slug("tutorials/index") == "tutorials"
    assert content_slug("index") == ""
    assert content_slug("Halo Dunia/v1.2") == "halo-dunia/v12"
