from eduforge.suppress import find_suppressions
from helpers import SiteBuilder, problems


def test_directives_are_parsed() -> None:
    text = "a\n<!-- eduforge-disable-next-line link-target, link-anchor -->\nb\n{/* eduforge-disable-line */}\n# eduforge-disable-file nav-chain\n"
    assert find_suppressions(text) == {
        3: frozenset({"link-target", "link-anchor"}),
        4: None,
        0: frozenset({"nav-chain"}),
    }


def test_suppressed_problems_are_not_reported(site: SiteBuilder) -> None:
    site.page(
        "a.md",
        """
        ---
        title: A
        # eduforge-disable-next-line unknown-key
        draf: true
        colour: red
        ---
        <!-- eduforge-disable-next-line link-target -->
        [x](/pusat-belajar/nope/) [y](/pusat-belajar/a/#nope)
        [z](/pusat-belajar/gone/) <!-- eduforge-disable-line -->
        [w](/pusat-belajar/still-reported/)
        """,
    )
    assert [(p[1], p[4]) for p in problems(site.root, "lint")] == [
        (5, "unknown-key"),
        (8, "link-anchor"),
        (10, "link-target"),
    ]
