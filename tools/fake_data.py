"""A fictional dataset of any size, for the scale benchmark (tools/bench.py).

    python tools/fake_data.py OUT_FOLDER --recommendations 1000 [--seed 0]

writes OUT_FOLDER/data (records) and OUT_FOLDER/content (pages), which pass
`python -m generator check --data OUT_FOLDER/data --content OUT_FOLDER/content` with no error.

Everything is invented: every file starts with FICTION_HEADER, every address is on example.org,
every name is made up. The same seed gives the same files, byte for byte.

Proportions, for N recommendations (see `counts`):

    cohorts          max(3, round(N / 1000))      each with 100 members (one member list per cohort)
    topics           max(1, round(N / 10))        spread over the cohorts, round robin
    recommendations  N                            0-4 follow-up entries each (fewer for recent cohorts:
                                                  no entry is dated after FOLLOW_UP_CUTOFF)
    hearings         max(1, round(N / 5))
    meetings         max(1, round(N / 20))
    bodies           3
    member lists     one per cohort, 100 members, mixed consent (full name, first name + initial,
                     counted only; the 5 minors always counted only)

Texts are in French and English, of realistic length: a recommendation's text is 150-300 words of
prose (half of them add a list of 3-5 items, 40-80 words more), a follow-up answer about 50 words,
a topic summary about 80, so that a recommendation page is about the ~450-word page DESIGN.md's
measurements use. The statuses are the project's data/statuses.yml.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
FICTION_HEADER = "# Fictional benchmark data: describes nothing real."
#: No follow-up entry is dated after this day (entries after the build day would be ignored).
FOLLOW_UP_CUTOFF = date(2026, 10, 31)
MEMBERS_PER_COHORT = 100


@dataclass(frozen=True)
class Counts:
    cohorts: int
    topics: int
    recommendations: int
    hearings: int
    meetings: int
    bodies: int
    members: int


def counts(recommendations: int) -> Counts:
    """How many records of each kind a dataset of `recommendations` recommendations has."""
    n = max(1, recommendations)
    cohorts = max(3, round(n / 1000))
    return Counts(cohorts=cohorts, topics=max(1, round(n / 10)), recommendations=n,
                  hearings=max(1, round(n / 5)), meetings=max(1, round(n / 20)), bodies=3,
                  members=cohorts * MEMBERS_PER_COHORT)


# --------------------------------------------------------------------------- vocabulary (invented)

THEMES = [  # (slug, French, English) — "logement" first: the benchmark's search query
    ("logement", "le logement", "housing"),
    ("mobilite", "les mobilités douces", "active travel"),
    ("alimentation", "l’alimentation durable", "sustainable food"),
    ("eau", "l’eau et la chaleur en ville", "water and heat in town"),
    ("numerique", "l’accès aux droits en ligne", "access to rights online"),
    ("sport", "le sport en accès libre", "free-access sport"),
    ("culture", "la culture de proximité", "local culture"),
    ("sante", "la santé de proximité", "local health care"),
    ("ecole", "la vie des écoles", "school life"),
    ("proprete", "la propreté des rues", "clean streets"),
    ("nuit", "la vie nocturne", "night life"),
    ("solitude", "la solitude des aînés", "loneliness in old age"),
]
PLACES = [(name, name) for name in ("Bellevue-sur-Canal", "Port-Imaginaire", "Vieux-Moulin", "Clos-Lunaire",
                                     "Brume-les-Hauts", "Fontaine-aux-Merles", "Val-Fictif", "Pré-Inventé")]
GROUPS = [("les habitants", "residents"), ("les jeunes de moins de 25 ans", "young people under 25"),
          ("les personnes âgées", "older people"), ("les familles", "families"),
          ("les associations de quartier", "neighbourhood associations"), ("les commerçants", "shopkeepers"),
          ("les étudiants", "students"), ("les personnes en situation de handicap", "disabled people")]
DEPARTMENTS = [("Direction du logement (fictive)", "Housing department (fictional)"),
               ("Direction des mobilités (fictive)", "Mobility department (fictional)"),
               ("Direction de la démocratie locale (fictive)", "Local democracy department (fictional)"),
               ("Direction des espaces verts (fictive)", "Green spaces department (fictional)"),
               ("Direction des affaires scolaires (fictive)", "Schools department (fictional)"),
               ("Direction de la santé (fictive)", "Health department (fictional)")]
FIRST_NAMES = ["Agathe", "Bruno", "Chloé", "Denis", "Élise", "Farid", "Gisèle", "Hugo", "Inès", "Jules",
               "Karima", "Léon", "Maëlle", "Nadir", "Océane", "Paul", "Quitterie", "Rayan", "Sabine",
               "Timothée", "Ursule", "Victor", "Wassila", "Xavier", "Yasmine", "Zacharie"]
LAST_NAMES = ["Ardoise", "Boussole", "Cerf-Volant", "Dentelle", "Églantine", "Fougère", "Girouette",
              "Hirondelle", "Isba", "Jonquille", "Kaléidoscope", "Lanterne", "Mandoline", "Nénuphar",
              "Ocarina", "Papillote", "Quenouille", "Rossignol", "Sablier", "Tournesol", "Ukulélé",
              "Violoncelle", "Wagonnet", "Xylophone", "Yole", "Zéphyr"]
ORGANISATIONS = ["Ville d’Exempleville (fictive)", "Université imaginaire d’Exempleville",
                 "Association Les Voisins Inventés", "Collectif Rien-de-Réel", "Observatoire imaginaire de la ville"]

# Parallel sentence templates: the same index gives the same sentence in both languages.
TEXT_SENTENCES = [
    ("La Ville met en place un programme consacré à {t} dans le quartier {p}, avec un budget annuel de {n} 000 euros et un bilan public chaque année.",
     "The City sets up a programme on {t} in the {p} neighbourhood, with a yearly budget of {n},000 euros and a public review every year."),
    ("Ce programme s’adresse en priorité à un public précis, {g}, qui ont exprimé pendant les auditions des besoins que les dispositifs actuels ne couvrent pas.",
     "The programme is aimed first at {g}, who said during the hearings that today’s schemes do not meet their needs."),
    ("Un comité de suivi réunissant des membres de l’Assemblée, des agents de la Ville et {g} se réunit au moins deux fois par an.",
     "A follow-up committee of Assembly members, City staff and {g} meets at least twice a year."),
    ("La Ville publie chaque trimestre, quartier par quartier, les chiffres qui permettent de mesurer les progrès réalisés sur {t}.",
     "Every quarter, the City publishes, neighbourhood by neighbourhood, the figures that show the progress made on {t}."),
    ("Les membres demandent que **{n} agents** soient formés à l’accueil du public d’ici la fin du mandat, en priorité dans les mairies d’arrondissement.",
     "Members ask for **{n} staff** to be trained in welcoming the public by the end of the term, first in the district town halls."),
    ("Les démarches sont simplifiées : un seul formulaire, disponible en ligne et au guichet, avec une réponse donnée en moins de {n} jours.",
     "Procedures are simplified: a single form, online and at the counter, with an answer given in under {n} days."),
    ("Lorsque l’objectif annuel n’est pas atteint, la Ville en explique les raisons et propose des mesures correctrices lors de la réunion de droit de suite.",
     "When the yearly target is missed, the City explains why and proposes corrective measures at the follow-up meeting."),
    ("Une expérimentation de deux ans est lancée à {p} avant toute généralisation, avec une évaluation indépendante confiée à un observatoire.",
     "A two-year trial is run in {p} before any wider roll-out, with an independent assessment by an observatory."),
    ("Les locaux municipaux inoccupés sont recensés et, lorsque c’est possible, mis à disposition des projets liés à {t}.",
     "Empty municipal premises are listed and, where possible, made available to projects on {t}."),
    ("La Ville consulte {g} avant chaque décision importante et rend publiques les contributions reçues, ainsi que la suite qui leur est donnée.",
     "The City consults {g} before every major decision and publishes the contributions it receives and what it does with them."),
    ("Les membres insistent sur un point : les informations doivent être rédigées en langage clair et traduites dans les langues les plus parlées du quartier.",
     "Members stress one point: information must be written in plain language and translated into the languages most spoken in the neighbourhood."),
    ("Le financement est assuré pour au moins cinq ans, afin que les associations partenaires puissent recruter et s’engager dans la durée.",
     "Funding is secured for at least five years, so that partner associations can hire staff and commit for the long term."),
]
TEXT_BULLETS = [
    ("recense chaque année les besoins à partir des données publiques et des remontées des conseils de quartier ;",
     "surveys needs every year from public data and reports from neighbourhood councils;"),
    ("ouvre un guichet unique, physique et en ligne, pour orienter {g} ;", "opens a one-stop shop, in person and online, to guide {g};"),
    ("finance jusqu’à {n} % des projets portés par des associations locales ;", "funds up to {n}% of projects run by local associations;"),
    ("forme ses agents et les partenaires associatifs aux enjeux liés à {t} ;", "trains its staff and partner associations on {t};"),
    ("présente un bilan chiffré devant l’Assemblée et le conseil municipal.", "presents a report with figures to the Assembly and the town council."),
]
ANSWER_SENTENCES = [
    ("La Ville indique que {k} actions ont été engagées à {p} et qu’un premier bilan chiffré sera présenté lors de la prochaine réunion de droit de suite.",
     "The City says that {k} actions have been started in {p} and that a first report with figures will be presented at the next follow-up meeting."),
    ("Le budget prévu a été voté, mais le recrutement des agents a pris du retard, ce qui décale le calendrier de plusieurs mois.",
     "The planned budget has been voted, but hiring staff has been delayed, which pushes the schedule back by several months."),
    ("Les membres reconnaissent des progrès réels mais estiment que {g} ne sont pas encore assez associés aux décisions.",
     "Members acknowledge real progress but consider that {g} are not yet involved enough in decisions."),
    ("Un observateur indépendant relève que les chiffres publiés ne permettent pas de comparer les quartiers entre eux.",
     "An independent observer notes that the published figures do not allow neighbourhoods to be compared."),
    ("La mesure dépend en partie d’une autorité extérieure à la Ville, à qui la demande a été transmise par écrit.",
     "The measure depends partly on an authority outside the City, to which the request has been sent in writing."),
    ("Le dispositif fonctionne désormais dans {k} quartiers et sera étendu l’an prochain si l’évaluation est favorable.",
     "The scheme now runs in {k} neighbourhoods and will be extended next year if the assessment is positive."),
]
SUMMARY_SENTENCES = [
    ("Les membres ont travaillé pendant plusieurs mois sur {t}, entre auditions, visites et séances de rédaction.",
     "Members worked for several months on {t}, through hearings, visits and drafting sessions."),
    ("Le texte propose un ensemble de mesures concrètes, chacune avec un calendrier et un service responsable.",
     "The text proposes a set of concrete measures, each with a timetable and a department in charge."),
    ("Il insiste sur la place de {g} et sur la transparence des chiffres publiés par la Ville.",
     "It stresses the role of {g} and the transparency of the figures the City publishes."),
    ("Plusieurs mesures reprennent des expériences menées dans d’autres villes imaginaires, adaptées au quartier {p}.",
     "Several measures build on trials in other imaginary towns, adapted to the {p} neighbourhood."),
    ("Les membres demandent un suivi annuel, mesure par mesure, avec des objectifs chiffrés.",
     "Members ask for a yearly follow-up, measure by measure, with numerical targets."),
]


def q(value: Any) -> str:
    """A YAML scalar: plain when it is a safe token, else double-quoted (JSON strings are valid YAML)."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", text) and text.lower() not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def dump(value: dict, indent: int = 0) -> list[str]:
    """A mapping as YAML lines: nested mappings, lists, quoted scalars, block scalars for multi-line text."""
    pad = " " * indent
    lines: list[str] = []
    for key, item in value.items():
        if item is None:
            continue
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:")
            lines += dump(item, indent + 2)
        elif isinstance(item, list):
            if not item:
                continue
            lines.append(f"{pad}{key}:")
            for element in item:
                if isinstance(element, dict):
                    inner = dump(element, indent + 4)
                    lines.append(f"{pad}  - " + inner[0][indent + 4:])
                    lines += inner[1:]
                else:
                    lines.append(f"{pad}  - {q(element)}")
        elif isinstance(item, str) and "\n" in item:
            lines.append(f"{pad}{key}: |")
            lines += [f"{pad}  {line}" if line else "" for line in item.rstrip("\n").split("\n")]
        else:
            lines.append(f"{pad}{key}: {q(item)}")
    return lines


def write_record(path: Path, record: dict, comment: str = "") -> None:
    header = FICTION_HEADER + ("\n# " + comment if comment else "")
    path.write_text(header + "\n" + "\n".join(dump(record)) + "\n", encoding="utf-8")


class Writer:
    """Invents the records; every random choice comes from a generator seeded by (seed, record)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def rng(self, *key: Any) -> random.Random:
        return random.Random("/".join(map(str, (self.seed, *key))))

    @staticmethod
    def fill(pair: tuple[str, str], rng: random.Random, theme: tuple[str, str, str]) -> tuple[str, str]:
        place, group = rng.choice(PLACES), rng.choice(GROUPS)
        n, k = rng.randint(3, 95), rng.randint(2, 40)
        return (pair[0].format(t=theme[1], p=place[0], g=group[0], n=n, k=k),
                pair[1].format(t=theme[2], p=place[1], g=group[1], n=n, k=k))

    def sentences(self, bank: list[tuple[str, str]], rng: random.Random, theme: tuple[str, str, str],
                  words: int) -> tuple[list[str], list[str]]:
        fr: list[str] = []
        en: list[str] = []
        pool: list[tuple[str, str]] = []
        while sum(len(s.split()) for s in fr) < words:
            if not pool:  # each sentence once before any repeats
                pool = rng.sample(bank, len(bank))
            a, b = self.fill(pool.pop(), rng, theme)
            fr.append(a)
            en.append(b)
        return fr, en

    def paragraphs(self, rng: random.Random, theme: tuple[str, str, str], words: int, *, bullets: bool) -> dict:
        """A Markdown text of about `words` words, in paragraphs of 2-4 sentences, maybe with a list."""
        fr, en = self.sentences(TEXT_SENTENCES, rng, theme, words)
        out_fr: list[str] = []
        out_en: list[str] = []
        i = 0
        while i < len(fr):
            size = rng.randint(2, 4)
            out_fr.append(" ".join(fr[i:i + size]))
            out_en.append(" ".join(en[i:i + size]))
            i += size
            if bullets and i < len(fr) and len(out_fr) == 1:
                out_fr.append("Pour y parvenir, la Ville :")
                out_en.append("To achieve this, the City:")
                chosen = rng.sample(TEXT_BULLETS, rng.randint(3, 5))
                filled = [self.fill(b, rng, theme) for b in chosen]
                out_fr.append("\n".join(f"- {a}" for a, _ in filled))
                out_en.append("\n".join(f"- {b}" for _, b in filled))
        return {"fr": "\n\n".join(out_fr) + "\n", "en": "\n\n".join(out_en) + "\n"}

    def short(self, bank: list[tuple[str, str]], rng: random.Random, theme: tuple[str, str, str], words: int) -> dict:
        fr, en = self.sentences(bank, rng, theme, words)
        return {"fr": " ".join(fr), "en": " ".join(en)}

    @staticmethod
    def source(title: str, url: str, published: str | None, consulted: str) -> dict:
        return {"title": title, "url": url, "publisher": "Ville d’Exempleville (fictive)",
                "published": published, "consulted": consulted}

    @staticmethod
    def person(rng: random.Random) -> tuple[str, str]:
        return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _cohort_year(k: int, cohorts: int) -> int:
    """The year cohort k (1-based) began: the last cohort began in 2024, one cohort a year before it."""
    return 2024 - cohorts + k


def generate(folder: Path, recommendations: int, seed: int = 0) -> Counts:
    """Write a fictional dataset of `recommendations` recommendations into folder/data and folder/content."""
    c = counts(recommendations)
    w = Writer(seed)
    data = Path(folder) / "data"
    content = Path(folder) / "content"
    for path in (data, content):
        if path.exists():
            shutil.rmtree(path)
    for sub in ("cohorts", "topics", "recommendations", "hearings", "meetings", "members", "bodies"):
        (data / sub).mkdir(parents=True)
    _write_site(data)
    _write_statuses(data)

    # Cohorts.
    cohort_ids = [f"bench-promotion-{k}" for k in range(1, c.cohorts + 1)]
    for k, cohort_id in enumerate(cohort_ids, start=1):
        year = _cohort_year(k, c.cohorts)
        rng = w.rng("cohort", k)
        theme = THEMES[k % len(THEMES)]
        write_record(data / "cohorts" / f"{cohort_id}.yml", {
            "id": cohort_id, "number": str(k),
            "name": {"fr": f"{k}e promotion ({year}-{year + 1}, fictive)", "en": f"Cohort {k} ({year}–{year + 1}, fictional)"},
            "start": f"{year}-09", "end": f"{year + 1}-06",
            "summary": w.short(SUMMARY_SENTENCES, rng, theme, 80),
            "size": str(MEMBERS_PER_COHORT),
            "composition": [{"category": "electoral_rolls", "count": "80"},
                            {"category": "non_eu_residents", "count": "15"},
                            {"category": "minors", "count": "5"}],
            "draw": {"fr": "Tirage au sort imaginaire en deux temps parmi des habitants inventés.",
                     "en": "An imaginary two-step draw among invented residents."},
            "phases": [
                {"name": {"fr": "Découverte et choix des sujets", "en": "Discovery and choice of subjects"},
                 "start": f"{year}-09", "end": f"{year}-10"},
                {"name": {"fr": "Auditions et visites", "en": "Hearings and visits"},
                 "start": f"{year}-11", "end": f"{year + 1}-02",
                 "description": {"fr": "Les ateliers entendent des personnes inventées et visitent des lieux imaginaires.",
                                 "en": "The workshops hear invented people and visit imaginary places."}},
                {"name": {"fr": "Rédaction et vote", "en": "Drafting and vote"},
                 "start": f"{year + 1}-03", "end": f"{year + 1}-06"},
            ],
            "workshops": [
                {"id": "deliberation", "kind": "deliberation",
                 "name": {"fr": "Atelier « Délibération »", "en": "“Deliberation” workshop"}},
                {"id": "exploration", "kind": "exploration",
                 "name": {"fr": "Atelier « Exploration »", "en": "“Exploration” workshop"}},
                {"id": "veille", "kind": "veille",
                 "name": {"fr": "Espace « Veille et Interpellation »", "en": "“Monitoring and Questioning” space"}},
            ],
            "official_pages": [{"title": {"fr": f"La {k}e promotion (page fictive)", "en": f"Cohort {k} (fictional page)"},
                                "url": f"https://example.org/bench/assemblee/promotion-{k}", "format": "page"}],
            "sources": [w.source(f"Assemblée de référence : la {k}e promotion (page fictive)",
                                 f"https://example.org/bench/assemblee/promotion-{k}", f"{year + 1}-07-01", "2026-11-01")],
        })
        _write_members(w, data, cohort_id, k)

    # Topics: round robin over the cohorts, alternating the two writing workshops.
    topics: list[dict] = []
    for t in range(c.topics):
        k = t % c.cohorts + 1
        theme = THEMES[t % len(THEMES)]
        rng = w.rng("topic", t)
        deliberation = t % 2 == 0
        year = _cohort_year(k, c.cohorts)
        result = rng.choices(["adopted", "rejected", "pending"], weights=[90, 5, 5])[0]
        topic_id = f"bench-{theme[0]}-{t + 1:05d}"
        vote_day = f"{year + 1}-06-{rng.randint(10, 28):02d}"
        topics.append({"id": topic_id, "cohort": cohort_ids[k - 1], "cohort_number": k, "theme": theme,
                       "year": year, "result": result, "vote_day": vote_day,
                       "workshop": "deliberation" if deliberation else "exploration"})
        word = "Délibération" if deliberation else "Vœu"
        write_record(data / "topics" / f"{topic_id}.yml", {
            "id": topic_id, "cohort": cohort_ids[k - 1],
            "workshop": "deliberation" if deliberation else "exploration",
            "output": "deliberation" if deliberation else "voeu",
            "title": {"fr": f"{theme[1][0].upper()}{theme[1][1:]} (sujet fictif n° {t + 1})",
                      "en": f"{theme[2][0].upper()}{theme[2][1:]} (fictional topic no. {t + 1})"},
            "text_title": {"fr": f"{word} citoyenne sur {theme[1]} (fictive)",
                           "en": f"Citizens’ {'délibération' if deliberation else 'vœu'} on {theme[2]} (fictional)"},
            "summary": w.short(SUMMARY_SENTENCES, rng, theme, 80),
            "vote": {"body": {"fr": "Conseil municipal d’Exempleville (fictif)", "en": "Exempleville town council (fictional)"},
                     "date": vote_day, "result": result},
            "measures": rng.choice(["complete", "complete", "partial"]),
            "documents": [{"title": {"fr": "Texte voté (fictif)", "en": "The voted text (fictional, in French)"},
                           "url": f"https://example.org/bench/textes/{topic_id}.pdf", "format": "pdf",
                           "size": f"{rng.randint(1, 9)},{rng.randint(0, 9)} Mo"}],
            "sources": [w.source(f"{word} citoyenne sur {theme[1]} (texte fictif)",
                                 f"https://example.org/bench/textes/{topic_id}.pdf", vote_day, "2026-11-01")],
        })

    # Hearings: hearing h serves topic h % topics.
    hearings_of: dict[int, list[str]] = {}
    for h in range(c.hearings):
        t = h % c.topics
        topic = topics[t]
        rng = w.rng("hearing", h)
        year = topic["year"]
        visit = rng.random() < 0.2
        hearing_id = f"bench-{year}-{'visite' if visit else 'audition'}-{h + 1:05d}"
        hearings_of.setdefault(t, []).append(hearing_id)
        speakers = []
        for _ in range(rng.randint(1, 3)):
            first, last = w.person(rng)
            speakers.append({"name": f"{first} {last}",
                             "role": {"fr": "Intervenant·e (personnage fictif)", "en": "Speaker (a fictional character)"},
                             "organisation": rng.choice(ORGANISATIONS),
                             "kind": rng.choice(["researcher", "association", "administration", "elected_official", "other"])})
        month = rng.choice([11, 12, 13, 14])
        when = f"{year + (month > 12)}-{(month - 1) % 12 + 1:02d}-{rng.randint(1, 28):02d}"
        write_record(data / "hearings" / f"{hearing_id}.yml", {
            "id": hearing_id, "cohort": topic["cohort"], "topic": topic["id"], "workshop": topic["workshop"],
            "format": "visit" if visit else "audition", "date": when,
            "title": {"fr": f"{'Visite' if visit else 'Audition'} sur {topic['theme'][1]}",
                      "en": f"{'Visit' if visit else 'Hearing'} on {topic['theme'][2]}"},
            "speakers": speakers,
            "summary": w.short(SUMMARY_SENTENCES, rng, topic["theme"], 60),
            "resources": [{"title": {"fr": "Vidéo de l’audition (fictive)", "en": "Video of the hearing (fictional)"},
                           "url": f"https://example.org/bench/videos/{hearing_id}", "format": "video"}] if rng.random() < 0.5 else [],
            "sources": [w.source(f"Compte rendu : {hearing_id} (fictif)",
                                 f"https://example.org/bench/auditions/{hearing_id}", None, "2026-11-01")],
        })

    # Recommendations: recommendation r belongs to topic r % topics.
    per_topic: dict[int, int] = {}
    for r in range(c.recommendations):
        t = r % c.topics
        topic = topics[t]
        number = per_topic[t] = per_topic.get(t, 0) + 1
        rec_id = f"{topic['id']}-{number:02d}"
        rng = w.rng("recommendation", r)
        theme = topic["theme"]
        text = w.paragraphs(rng, theme, rng.randint(150, 300), bullets=rng.random() < 0.5)
        department = rng.choice(DEPARTMENTS)
        first, last = w.person(rng)
        related = []
        if number > 1 and rng.random() < 0.4:
            related.append(f"{topic['id']}-{number - 1:02d}")
        record = {
            "id": rec_id, "topic": topic["id"], "number": str(number),
            "title": {"fr": f"Mesure {number} sur {theme[1]} à {rng.choice(PLACES)[0]}",
                      "en": f"Measure {number} on {theme[2]}"},
            "text": text,
            "department": {"fr": department[0], "en": department[1]},
            "elected_official": f"{first} {last}",
            "follow_up": _follow_up(w, rng, topic, rec_id) if topic["result"] == "adopted" else [],
            "related_hearings": hearings_of.get(t, [])[:rng.randint(0, 2)],
            "related_recommendations": related,
            "sources": [w.source(f"Texte voté : {topic['id']} (fictif)",
                                 f"https://example.org/bench/textes/{topic['id']}.pdf", None, "2026-11-01")],
        }
        write_record(data / "recommendations" / f"{rec_id}.yml", record)

    # Meetings.
    kinds = ["plenary", "follow_up", "veille", "council"]
    for m in range(c.meetings):
        rng = w.rng("meeting", m)
        k = m % c.cohorts + 1
        year = _cohort_year(k, c.cohorts)
        kind = kinds[m % len(kinds)]
        day = f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        meeting_id = f"bench-{day}-{kind.replace('_', '-')}-{m + 1:05d}"
        own_topics = [tp["id"] for tp in topics if tp["cohort_number"] == k]
        chosen = rng.sample(own_topics, min(len(own_topics), rng.randint(0, 4)))
        theme = THEMES[m % len(THEMES)]
        write_record(data / "meetings" / f"{meeting_id}.yml", {
            "id": meeting_id, "type": kind, "date": day, "cohorts": [cohort_ids[k - 1]],
            "title": {"fr": f"Séance fictive n° {m + 1}", "en": f"Fictional session no. {m + 1}"},
            "subjects": [{"fr": f"Point sur {theme[1]}", "en": f"Update on {theme[2]}"}],
            "topics": chosen,
            "summary": w.short(ANSWER_SENTENCES, rng, theme, 50),
            "documents": [{"title": {"fr": "Compte rendu (fictif)", "en": "Minutes (fictional, in French)"},
                           "url": f"https://example.org/bench/seances/{meeting_id}.pdf", "format": "pdf"}],
            "sources": [w.source(f"Compte rendu de la séance {meeting_id} (fictif)",
                                 f"https://example.org/bench/seances/{meeting_id}.pdf", None, "2026-11-01")],
        })

    _write_bodies(data)
    _write_content(content, c)
    return c


def _follow_up(w: Writer, rng: random.Random, topic: dict, rec_id: str) -> list[dict]:
    """0-4 dated entries, one a year in March after the vote, none after FOLLOW_UP_CUTOFF; they
    follow validate.follow_up_is_consistent: progress only on statuses under way, with its reason
    when it differs from the default; a moved target always says why."""
    wanted = rng.choices([0, 1, 2, 3, 4], weights=[15, 25, 25, 20, 15])[0]
    entries: list[dict] = []
    status = None
    previous_target: str | None = None
    defaults = {"not_implemented": 0, "in_progress": 50, "partly_done": 75}
    for i in range(wanted):
        year = topic["year"] + 2 + i
        day = date(year, 3, rng.randint(1, 28))
        if day > FOLLOW_UP_CUTOFF:
            break
        assessor = "city" if i == 0 else rng.choices(["city", "members", "observer"], weights=[60, 30, 10])[0]
        if status in (None, "not_implemented"):
            status = rng.choices(["not_implemented", "in_progress", "not_retained"], weights=[30, 60, 10])[0]
        elif status == "in_progress":
            status = rng.choices(["in_progress", "partly_done", "done", "moot"], weights=[40, 35, 20, 5])[0]
        elif status == "partly_done":
            status = rng.choices(["partly_done", "done"], weights=[50, 50])[0]
        entry: dict = {"date": day.isoformat(), "assessor": assessor}
        if i == 0:
            entry["response"] = ("outside_competence" if rng.random() < 0.5 else "not_retained") if status == "not_retained" \
                else rng.choice(["accepted", "accepted", "partially_accepted"])
        entry["status"] = status
        if status in defaults and rng.random() < 0.3:
            progress = min(95, max(5, defaults[status] + rng.choice([-20, -10, 10, 15])))
            entry["progress"] = str(progress)
            entry["progress_reason"] = {"fr": f"{progress} % des actions prévues sont réalisées, selon le rapport (fictif).",
                                        "en": f"{progress}% of the planned actions are done, according to the (fictional) report."}
        if status in ("in_progress", "partly_done", "done"):
            entry["fidelity"] = rng.choices(["faithful", "modified", "watered_down"], weights=[70, 15, 15])[0]
        if status in ("not_implemented", "in_progress", "partly_done"):
            target = f"{year + rng.randint(1, 2)}-{rng.randint(1, 12):02d}"
            if previous_target is not None and rng.random() < 0.5:
                target = previous_target
            entry["target"] = target
            if previous_target is not None and target != previous_target:
                entry["target_reason"] = {"fr": "Le calendrier a été revu après un retard de financement (fictif).",
                                          "en": "The timetable was revised after a (fictional) funding delay."}
            previous_target = target
        entry["answer"] = w.short(ANSWER_SENTENCES, rng, topic["theme"], 45)
        entry["sources"] = [w.source(f"Rapport annuel de droit de suite {year} (fictif)",
                                     f"https://example.org/bench/droit-de-suite/rapport-{year}",
                                     day.isoformat(), date(year, 4, 2).isoformat())]
        entries.append(entry)
    return entries


def _write_members(w: Writer, data: Path, cohort_id: str, k: int) -> None:
    rng = w.rng("members", k)
    members = []
    groups: dict[str, int] = {}
    workshops: dict[str, int] = {}
    for i in range(MEMBERS_PER_COHORT):
        category = "electoral_rolls" if i < 80 else "non_eu_residents" if i < 95 else "minors"
        consent = rng.choices(["full_name", "first_name_initial", "counted_only"], weights=[50, 30, 20])[0]
        first, last = w.person(rng)
        if category == "minors":
            consent = "counted_only"  # a minor is never named (after the draws: the same random stream)
        name = f"{first} {last}" if consent == "full_name" else f"{first} {last[0]}." if consent == "first_name_initial" else None
        # No member's group or workshop beside their name: the list counts them (composition, workshop_counts).
        members.append({"display_name": name, "consent": consent})
        groups[category] = groups.get(category, 0) + 1
        workshop = ["deliberation", "exploration"][i % 2]
        workshops[workshop] = workshops.get(workshop, 0) + 1
    write_record(data / "members" / f"{cohort_id}.yml", {
        "id": cohort_id, "cohort": cohort_id,
        "published_list": {"title": {"fr": f"Membres de la {k}e promotion (page fictive)",
                                     "en": f"Members of cohort {k} (fictional page)"},
                           "url": f"https://example.org/bench/assemblee/promotion-{k}/membres", "format": "page"},
        "members": members,
        "composition": [{"category": c, "count": str(n)} for c, n in groups.items()],
        "workshop_counts": [{"workshop": ws, "count": str(n)} for ws, n in workshops.items()],
        "sources": [w.source(f"Membres de la {k}e promotion (page fictive)",
                             f"https://example.org/bench/assemblee/promotion-{k}/membres", None, "2026-11-01")],
    }, "Invented members, with invented names, as an imaginary City would publish them.")


def _write_site(data: Path) -> None:
    write_record(data / "site.yml", {
        "name": {"fr": "Assemblée de référence (fictive)", "en": "Benchmark assembly (fictional)"},
        "tagline": {"fr": "Une assemblée citoyenne inventée, pour mesurer le générateur à grande échelle.",
                    "en": "An invented citizens’ assembly, to measure the generator at scale."},
        "city": {"fr": "Ville d’Exempleville (fictive)", "en": "City of Exempleville (fictional)"},
        "council": {"fr": "Conseil municipal d’Exempleville", "en": "Exempleville town council"},
        "publisher": {"fr": "Les développeurs de droit-de-suite, pour un banc d’essai. Tout est fictif.",
                      "en": "The droit-de-suite developers, for a benchmark. Everything is fictional."},
        "base_url": "https://example.org/bench/",
        "repository": "https://example.org/bench/depot",
        "follow_up_rule": {
            "first_after_months": "12", "then_every_months": "12",
            "text": {"fr": "« Un compte rendu un an après le vote, puis chaque année. » (règle fictive)",
                     "en": "“A report one year after the vote, then every year.” (fictional rule)"},
            "sources": [{"title": "Règle de suivi (page fictive)", "url": "https://example.org/bench/regle",
                         "consulted": "2026-11-01"}],
        },
        "official_links": [{"title": {"fr": "Page (fictive) de l’Assemblée", "en": "The Assembly’s (fictional) page"},
                            "url": "https://example.org/bench/assemblee", "format": "page"}],
        "contacts": [{"title": {"fr": "Formulaire de contact (fictif)", "en": "Contact form (fictional)"},
                      "url": "https://example.org/bench/contact", "format": "page"}],
    })


def _write_statuses(data: Path) -> None:
    """The project's own status vocabulary, under the fiction header."""
    text = (PROJECT / "data" / "statuses.yml").read_text(encoding="utf-8")
    (data / "statuses.yml").write_text(FICTION_HEADER + "\n# A copy of the project's data/statuses.yml.\n" + text,
                                       encoding="utf-8")


def _write_bodies(data: Path) -> None:
    bodies = [("bench-budget-participatif", "Budget participatif d’Exempleville (fictif)", "Exempleville participatory budget (fictional)"),
              ("bench-conseil-des-jeunes", "Conseil des jeunes (fictif)", "Youth Council (fictional)"),
              ("bench-conseil-des-aines", "Conseil des aînés (fictif)", "Older People’s Council (fictional)")]
    for order, (body_id, fr, en) in enumerate(bodies, start=1):
        write_record(data / "bodies" / f"{body_id}.yml", {
            "id": body_id, "name": {"fr": fr, "en": en}, "created": str(2014 + order),
            "summary": {"fr": "Une instance participative imaginaire de la Ville d’Exempleville.",
                        "en": "An imaginary participatory body of the City of Exempleville."},
            "figures": [{"label": {"fr": "membres", "en": "members"}, "value": str(30 * order), "as_of": "2026-01", "source": "1"}],
            "order": str(10 * order),
            "sources": [{"title": f"{fr} (page fictive)", "url": f"https://example.org/bench/{body_id}", "consulted": "2026-11-01"}],
        })


def _write_content(content: Path, c: Counts) -> None:
    pages = {
        "fr": ("Accueil", "Un jeu de données fictif pour mesurer le générateur.",
               f"Ce site est un **banc d’essai fictif** : {c.recommendations} recommandations inventées, "
               f"{c.topics} sujets, {c.cohorts} promotions, dans la ville imaginaire d’Exempleville. "
               "Rien de ce qui est écrit ici ne décrit une personne, une organisation ou une décision réelle, "
               "et tous les liens mènent vers example.org."),
        "en": ("Home", "A fictional dataset to measure the generator.",
               f"This site is a **fictional benchmark**: {c.recommendations} invented recommendations, "
               f"{c.topics} topics, {c.cohorts} cohorts, in the imaginary town of Exempleville. "
               "Nothing written here describes a real person, organisation or decision, and every link "
               "leads to example.org."),
    }
    for lang, (title, description, body) in pages.items():
        (content / lang).mkdir(parents=True)
        (content / lang / "index.md").write_text(
            f"---\n{FICTION_HEADER}\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n"
            f"{body}\n", encoding="utf-8")  # (an HTML comment in a page is refused: the header is YAML's)


def main() -> int:
    p = argparse.ArgumentParser(description="Write a fictional dataset for the benchmark.")
    p.add_argument("folder", type=Path)
    p.add_argument("--recommendations", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    c = generate(args.folder, args.recommendations, args.seed)
    print(f"Wrote {c} into {args.folder}/data and {args.folder}/content.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
