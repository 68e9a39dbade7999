"""Sample inputs written for these tests (no third-party news text)."""

BODY = (
    "Negotiators from both delegations met on Tuesday for a third round of talks.\n\n"
    "The first delegation demanded a full withdrawal of troops before any freeze of the front line.\n\n"
    "The second delegation rejected the demand and proposed a ceasefire monitored by observers."
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Talks resume | Example News</title>
<meta property="og:title" content="Talks resume">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.org/2024/talks-resume">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<article><h1>Talks resume</h1>
<p>Negotiators from both delegations met on Tuesday for a third round of talks about a ceasefire.</p>
<p>The first delegation demanded a full withdrawal of troops before any freeze of the front line.</p>
<p>The second delegation rejected the demand and proposed a ceasefire watched by {observers}.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved. Privacy policy.</footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org</link>
<item><title>Talks resume</title><link>https://wire.example.org/1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The first delegation demanded a withdrawal.&lt;/p&gt;&lt;p&gt;The second refused.&lt;/p&gt;</description>
</item>
<item><title>Ceasefire proposed</title><link>https://wire.example.org/2</link>
<pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate>
<description>The second delegation proposed a ceasefire.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>Observers named</title><link href="https://atom.example.org/a"/>
<id>urn:example:a</id><updated>2024-04-01T09:00:00Z</updated><published>2024-03-31T09:00:00Z</published>
<content type="html">&lt;p&gt;Both sides agreed to name observers for the ceasefire line.&lt;/p&gt;</content>
</entry></feed>
"""

# Two wire stories about the same talks, written for the near-duplicate tests.
STORY_A = [
    "Talks resume in Geneva as delegations trade demands",
    "By Jane Doe, Example Wire",
    "GENEVA, March 5 - Negotiators from both delegations met on Tuesday in a lakeside hotel for a third "
    "round of talks, the first in almost two months, according to officials briefed on the schedule.",
    "The first delegation demanded a full withdrawal of troops from the occupied regions before any "
    "freeze of the front line could be discussed, its chief negotiator told reporters after the session.",
    "The second delegation rejected that demand and instead proposed an immediate ceasefire monitored by "
    "observers from neutral countries, saying a withdrawal could only follow a signed settlement.",
    "A diplomat from a mediating country said the two sides had agreed to exchange lists of prisoners "
    "and to meet again next week, but warned that positions on territory remained far apart.",
    "Energy infrastructure was also discussed. Both delegations said they were open to a moratorium on "
    "strikes against power plants, provided the other side stopped shelling border towns first.",
    "Officials declined to say whether the leaders themselves could meet before the summer, and the "
    "question of security guarantees was left for a working group that has yet to convene.",
]
STORY_B = [
    "Prisoner exchange agreed, but territory talks stall",
    "By John Roe, Other Wire",
    "ISTANBUL, April 2 - Delegations finished two days of meetings on Wednesday with an agreement to "
    "swap two hundred prisoners each and a promise to keep talking, mediators said in a statement.",
    "The second delegation again demanded international security guarantees written into any treaty, "
    "while the first delegation said neutrality for the country was the price of a lasting peace.",
    "On territory, neither side moved. The first delegation insisted the annexed provinces were not up "
    "for negotiation and the second said it would never recognise any border changed by force.",
    "The mediators offered to host a leaders' meeting in the summer if the working groups on "
    "humanitarian corridors and grain shipments could report progress by the end of May.",
    "Analysts in the capital said the prisoner swap was the most concrete result since the war began, "
    "but cautioned that similar deals had collapsed within days in the past.",
]


def story(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)
