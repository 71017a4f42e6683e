#!/usr/bin/env python3
"""Writes the benchmark corpus: synthetic news pages of our own making, shaped like real
ones (menus, scripts, share bars, teasers, comments around an article). Deterministic:
re-running it rewrites the same files. Each page's article text is in page-NN.expected.txt.
"""
import random

random.seed(20240305)
PLACES = ["Tannfeld", "Port Selkie", "Marlow Bay", "Kestrel Ridge", "Oberau", "Valmont", "Lindqvist"]
ACTORS = ["the foreign minister", "the defence ministry", "opposition leaders", "the central bank",
          "union representatives", "the regional governor", "a government spokesman", "the court"]
VERBS = ["said on Tuesday that", "announced that", "warned that", "told reporters that",
         "confirmed in a statement that", "denied reports that"]
CLAUSES = ["talks on the border dispute would resume next month",
           "the budget for the coming year would include new spending on schools",
           "the ceasefire had largely held along the eastern front",
           "an agreement on grain exports was close", "sanctions would remain in place",
           "fuel prices would be capped until the spring", "the delegation would travel to the capital",
           "the investigation into the collapse of the bridge had been widened"]
WORDS = ("market council border harbour ministry election budget school river winter train "
         "report survey agreement delegation village festival museum bridge").split()


def sentence():
    return f"In {random.choice(PLACES)}, {random.choice(ACTORS)} {random.choice(VERBS)} {random.choice(CLAUSES)}."


def paragraph():
    return " ".join(sentence() for _ in range(random.randint(2, 4)))


def teaser():
    return " ".join(random.choice(WORDS) for _ in range(random.randint(4, 8))).capitalize()


def page(n):
    paras = [paragraph() for _ in range(random.randint(6, 14))]
    title = teaser()
    menu = "".join(f'<li><a href="/s/{i}">{teaser()}</a></li>' for i in range(40))
    script = "var config = {" + ",".join(f'"k{i}": "{random.random()}"' for i in range(300)) + "};"
    related = "".join(f'<li><a href="/r/{i}"><img src="r{i}.jpg">{teaser()}</a></li>' for i in range(8))
    comments = "".join(f'<div class="comment"><b>reader{i}</b><p>{sentence()}</p></div>' for i in range(10))
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{p}</p>")
        if i == 2:
            body.append(f'<figure><img src="a.jpg"><figcaption>{teaser()}. Photo: Agency</figcaption></figure>')
        if i == 4:
            body.append(f'<div class="related-inline"><a href="/x">Read more: {teaser()}</a></div>')
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example Times</title>
<meta property="article:published_time" content="2024-0{n % 9 + 1}-1{n % 9}T0{n % 10}:30:00+01:00">
<script>{script}</script><style>body {{ font-family: serif; }} .x {{ color: red; }}</style></head>
<body><header><nav><ul>{menu}</ul></nav></header>
<div class="cookie-consent">We use cookies. <button>OK</button></div>
<main><article><h1>{title}</h1><div class="byline">By Staff Reporter</div>
<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
<div class="article-body">{"".join(body)}</div>
<div class="newsletter-box"><h3>Sign up for our newsletter</h3><form><input type="email"></form></div>
</article><section class="related-stories"><h2>Related</h2><ul>{related}</ul></section>
<section id="comments">{comments}</section></main>
<footer><p>© 2024 Example Times</p>{menu}</footer><script>{script}</script></body></html>"""
    return html, "\n\n".join(paras)


for n in range(12):
    html, text = page(n)
    open(f"page-{n:02}.html", "w").write(html)
    open(f"page-{n:02}.expected.txt", "w").write(text + "\n")
