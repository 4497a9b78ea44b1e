"""The site's own words in French and English, and dates written the way each language writes them.

Record text comes from `data/`; everything the site itself says comes from `STRINGS`. A test checks
that every key has both languages and that every key used in the templates exists.
"""

from __future__ import annotations

from datetime import date

from .schema import PartialDate

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

STRINGS: dict[str, dict[str, str]] = {
    # sections (also the index pages' titles)
    "cohorts": {"fr": "Promotions", "en": "Cohorts"},
    "topics": {"fr": "Sujets et textes votés", "en": "Topics and voted texts"},
    "recommendations": {"fr": "Recommandations", "en": "Recommendations"},
    "hearings": {"fr": "Auditions et visites", "en": "Hearings and visits"},
    "meetings": {"fr": "Séances et réunions", "en": "Sessions and meetings"},
    "bodies": {"fr": "La participation à Paris", "en": "Participation in Paris"},
    "members": {"fr": "Membres", "en": "Members"},
    "statuses": {"fr": "Les statuts de suivi", "en": "Follow-up statuses"},
    # descriptions of index pages
    "cohorts_intro": {"fr": "Chaque promotion réunit 100 Parisiennes et Parisiens tirés au sort pour environ un an.",
                      "en": "Each cohort brings together 100 Parisians drawn by lot for about a year."},
    "topics_intro": {"fr": "Les sujets travaillés par les ateliers et les vœux ou délibérations soumis au Conseil de Paris.",
                     "en": "The topics the workshops worked on, and the vœux or délibérations put to the Conseil de Paris."},
    "recommendations_intro": {"fr": "Chaque mesure connue des textes votés, et où elle en est.",
                              "en": "Every known measure of the voted texts, and where it stands."},
    "hearings_intro": {"fr": "Les personnes et les lieux que les membres ont entendus ou visités.",
                       "en": "The people and places the members heard or visited."},
    "meetings_intro": {"fr": "Les plénières, les séances du Conseil de Paris et les réunions de droit de suite.",
                       "en": "Plenaries, Conseil de Paris sessions and follow-up meetings."},
    "bodies_intro": {"fr": "L'Assemblée citoyenne n'est qu'une des instances de participation de la Ville de Paris.",
                     "en": "The Citizens' Assembly is one of several participatory bodies of the City of Paris."},
    "members_intro": {"fr": "Les membres de chaque promotion, tels que la Ville les publie.",
                      "en": "Each cohort's members, as the City publishes them."},
    "statuses_intro": {"fr": "Le vocabulaire utilisé pour dire où en est chaque mesure, aligné sur celui de la Cour des comptes.",
                       "en": "The words used to say where each measure stands, aligned with the French public-audit vocabulary."},
    # generic
    "home": {"fr": "Accueil", "en": "Home"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "no_address": {"fr": "pas d'adresse publique connue", "en": "no public address known"},
    "consulted": {"fr": "consulté le", "en": "consulted on"},
    "published": {"fr": "publié ou mis à jour", "en": "published or updated"},
    "not_translated": {"fr": "pas encore traduit", "en": "not yet translated into English"},
    "unknown": {"fr": "Non connu", "en": "Not known"},
    "none_recorded": {"fr": "Aucun enregistrement pour l'instant.", "en": "Nothing recorded yet."},
    "see_all": {"fr": "Tout voir", "en": "See all"},
    "cohort": {"fr": "Promotion", "en": "Cohort"},
    "topic": {"fr": "Sujet", "en": "Topic"},
    "workshop": {"fr": "Atelier", "en": "Workshop"},
    "workshops": {"fr": "Ateliers", "en": "Workshops"},
    "output": {"fr": "Texte", "en": "Text"},
    "vote": {"fr": "Vote du Conseil de Paris", "en": "Conseil de Paris vote"},
    "vote_date": {"fr": "Date du vote", "en": "Date of the vote"},
    "result": {"fr": "Résultat", "en": "Result"},
    "documents": {"fr": "Documents", "en": "Documents"},
    "official_pages": {"fr": "Pages officielles", "en": "Official pages"},
    "period": {"fr": "Période", "en": "Period"},
    "from_to": {"fr": "de {start} à {end}", "en": "from {start} to {end}"},
    "since": {"fr": "depuis {start}", "en": "since {start}"},
    "phases": {"fr": "Les étapes", "en": "Phases"},
    "composition": {"fr": "Composition", "en": "Composition"},
    "composition_caption": {"fr": "Nombre de membres par groupe", "en": "Number of members per group"},
    "group": {"fr": "Groupe", "en": "Group"},
    "count": {"fr": "Nombre", "en": "Number"},
    "total": {"fr": "Total", "en": "Total"},
    "draw": {"fr": "Le tirage au sort", "en": "The draw"},
    "size": {"fr": "Membres", "en": "Members"},
    "id": {"fr": "Identifiant", "en": "Identifier"},
    "title": {"fr": "Titre", "en": "Title"},
    "date": {"fr": "Date", "en": "Date"},
    "kind": {"fr": "Type", "en": "Type"},
    "number": {"fr": "N°", "en": "No."},
    "measure_number": {"fr": "Mesure n° {number}", "en": "Measure no. {number}"},
    "text": {"fr": "Le texte voté", "en": "The voted text"},
    "text_excerpt": {"fr": "Extrait cité par la source : le texte officiel complet n'est pas encore enregistré ici.",
                     "en": "Excerpt quoted by the source: the full official text is not yet recorded here."},
    "department": {"fr": "Direction de la Ville responsable", "en": "City department in charge"},
    "elected_official": {"fr": "Élu ou élue en charge", "en": "Elected official in charge"},
    "status": {"fr": "Statut", "en": "Status"},
    "progress": {"fr": "Avancement", "en": "Progress"},
    "progress_sentence": {"fr": "Avancement estimé : {progress} %", "en": "Estimated progress: {progress}%"},
    "progress_none": {"fr": "Avancement : non évalué", "en": "Progress: not assessed"},
    "response": {"fr": "Réponse de la Ville", "en": "City's response"},
    "fidelity": {"fr": "Fidélité au texte voté", "en": "Fidelity to the voted text"},
    "last_assessed": {"fr": "Dernière évaluation", "en": "Last assessed"},
    "next_due": {"fr": "Prochain suivi attendu", "en": "Next follow-up due"},
    "never_assessed": {"fr": "Cette mesure n'a pas encore fait l'objet d'un suivi publié.",
                       "en": "No follow-up of this measure has been published yet."},
    "next_due_unknown": {"fr": "La Ville rend compte chaque année de chaque mesure (droit de suite) ; aucun compte rendu n'est encore enregistré ici.",
                         "en": "The City reports on each measure every year (right to follow-up); no report is recorded here yet."},
    "follow_up": {"fr": "Historique du suivi", "en": "Follow-up history"},
    "assessor": {"fr": "Évaluation par", "en": "Assessed by"},
    "target": {"fr": "Échéance", "en": "Target date"},
    "related": {"fr": "Voir aussi", "en": "See also"},
    "permalink": {"fr": "Lien permanent", "en": "Permanent link"},
    "measures": {"fr": "Mesures", "en": "Measures"},
    "measures_count": {"fr": "{count} mesure(s) enregistrée(s)", "en": "{count} measure(s) recorded"},
    "where_they_stand": {"fr": "Où en sont les recommandations", "en": "Where the recommendations stand"},
    "status_caption": {"fr": "Nombre de recommandations par statut", "en": "Number of recommendations by status"},
    "recommendations_caption": {"fr": "Toutes les recommandations enregistrées ({count})", "en": "All recorded recommendations ({count})"},
    "topics_caption": {"fr": "Sujets et textes ({count})", "en": "Topics and texts ({count})"},
    "meetings_caption": {"fr": "Séances et réunions ({count})", "en": "Sessions and meetings ({count})"},
    "hearings_caption": {"fr": "Auditions et visites ({count})", "en": "Hearings and visits ({count})"},
    "statuses_caption": {"fr": "Les statuts, du moins au plus avancé", "en": "Statuses, from least to most advanced"},
    "default_progress": {"fr": "Avancement par défaut", "en": "Default progress"},
    "final": {"fr": "Définitif", "en": "Final"},
    "yes": {"fr": "Oui", "en": "Yes"},
    "no": {"fr": "Non", "en": "No"},
    "audit_term": {"fr": "Terme de la Cour des comptes", "en": "French public-audit term"},
    "definition": {"fr": "Définition", "en": "Definition"},
    "speakers": {"fr": "Intervenants", "en": "Speakers"},
    "resources": {"fr": "Ressources", "en": "Resources"},
    "subjects": {"fr": "Sujets abordés", "en": "Subjects"},
    "figures": {"fr": "Chiffres clés", "en": "Key figures"},
    "figure": {"fr": "Chiffre", "en": "Figure"},
    "figures_caption": {"fr": "Chiffres clés, avec leur source", "en": "Key figures, with their source"},
    "as_of": {"fr": "À la date de", "en": "As of"},
    "created": {"fr": "Création", "en": "Created"},
    "source_n": {"fr": "Source {n}", "en": "Source {n}"},
    "member_lists": {"fr": "Listes de membres", "en": "Member lists"},
    "member_list_none": {"fr": "La liste des membres n'est pas enregistrée ici. La Ville publie la liste finale des membres sur sa page de la promotion.",
                         "en": "The member list is not recorded here. The City publishes the final list of members on the cohort's page."},
    "composition_unknown": {"fr": "La répartition des membres par groupe n'est pas connue de nos sources.",
                            "en": "Our sources do not give the number of members per group."},
    "partial_list": {"fr": "Liste partielle", "en": "Partial list"},
    "in_this_cohort": {"fr": "Sujets de cette promotion", "en": "Topics of this cohort"},
    "meetings_of_cohort": {"fr": "Séances de cette promotion", "en": "Sessions of this cohort"},
    "hearings_of": {"fr": "Auditions", "en": "Hearings"},
    "no_hearings": {"fr": "Aucune audition n'est encore enregistrée : nos sources ne donnent ni les noms ni les dates des personnes entendues.",
                    "en": "No hearing is recorded yet: our sources give neither the names nor the dates of the people heard."},
    "no_recommendations": {"fr": "Aucune mesure de ce texte n'est encore enregistrée.", "en": "No measure of this text is recorded yet."},
    "summary_sentence_empty": {"fr": "Aucune recommandation enregistrée.", "en": "No recommendation recorded."},
    "summary_total": {"fr": "{count} recommandation(s) enregistrée(s) : {parts}.", "en": "{count} recommendation(s) recorded: {parts}."},
    "fictional": {"fr": "Données fictives : ce site de démonstration ne décrit rien de réel.",
                  "en": "Fictional data: this demonstration site describes nothing real."},
    "skip_sources": {"fr": "Aller aux sources", "en": "Go to the sources"},
    "all_cohorts": {"fr": "Les trois promotions", "en": "The cohorts"},
    "learn_more": {"fr": "En savoir plus", "en": "Learn more"},
}


def text(key: str, lang: str, **values: object) -> str:
    template = STRINGS[key][lang]
    return template.format(**values) if values else template


def format_date(value: date | PartialDate | None, lang: str) -> str:
    """'2 juillet 2025' / '2 July 2025'; 'octobre 2024' / 'October 2024'; '2024'."""
    if value is None:
        return text("unknown", lang)
    if isinstance(value, date):
        value = PartialDate(value.year, value.month, value.day)
    if value.month is None:
        return str(value.year)
    month = MONTHS[lang][value.month - 1]
    if value.day is None:
        return f"{month} {value.year}"
    if lang == "fr":
        return f"{'1er' if value.day == 1 else value.day} {month} {value.year}"
    return f"{value.day} {month} {value.year}"
