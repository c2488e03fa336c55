"""Hypothesis strategies for hostile Arabic-ish text."""

from hypothesis import strategies as st

SPECIALS = list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئىة ًٌٍَُِّْٰ ـ ٠١٢٣٤٥٦٧٨٩ 0123456789"
    " .!?؟،؛:«»\"“”‹›()'-–…\n\r\t\u2029\u00a0"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
    "یکھۀ ﻻﻷﺍﻟﺒﺔ ﷺﷲ ﹰﹱ"
    "ABCxyz Dr. U.S. 😀👍🏽🇸🇦 \u0301\u0327"
)

hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(SPECIALS),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
    ),
    max_size=400,
)
