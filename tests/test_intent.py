import pytest

from bot.core.intent import looks_like_question


@pytest.mark.parametrize(
    "text",
    [
        "how many troops were sent?",
        "What's the death toll",
        "North Korea sent troops?",
        "did putin thank them",
        "<@123> what did seoul say",
        "@everyone how many died",
        "Tell me about the casualties",
        "is it confirmed 🇰🇵?",
    ],
)
def test_questions_are_recognised(text: str) -> None:
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "lol same",
        "I am so tired today",
        "why?",
        "?",
        "",
        "https://example.com/page?id=3",
        "<@123> <#456> 😀",
        "thanks, that makes sense",
    ],
)
def test_chatter_is_not_a_question(text: str) -> None:
    assert not looks_like_question(text)
