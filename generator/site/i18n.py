"""The site's own words in French and English, and dates written the way each language writes them.

Record text comes from `data/`; everything the site itself says comes from `STRINGS`. A test checks
that every key has both languages and that every key used in the templates exists.

A sentence that depends on a number has two forms, `(singular, plural)`, chosen by its `count`
value: French uses the singular for 0 and 1 (« 0 mesure enregistrée »), English for 1 only.
Typography (spaces before « : », apostrophes) is not written here by hand: `typography.py` sets
every page once, so the strings below use ordinary spaces and straight apostrophes.

Over 400 lines: the site's words (STRINGS) in both languages, with the few functions that
format dates and numbers; the code is short, the catalogue is long.
"""

from __future__ import annotations

from datetime import date

from ..records.schema import PartialDate

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

Text = str | tuple[str, str]

STRINGS: dict[str, dict[str, Text]] = {
    # sections (also the index pages' titles)
    "cohorts": {"fr": "Promotions", "en": "Cohorts"},
    "topics": {"fr": "Sujets et textes votés", "en": "Topics and voted texts"},
    "recommendations": {"fr": "Recommandations", "en": "Recommendations"},
    "hearings": {"fr": "Auditions et visites", "en": "Hearings and visits"},
    "meetings": {"fr": "Séances et réunions", "en": "Sessions and meetings"},
    "bodies": {"fr": "Les autres instances de participation", "en": "Other participatory bodies"},
    "members": {"fr": "Membres", "en": "Members"},
    "statuses": {"fr": "Les statuts de suivi", "en": "Follow-up statuses"},
    # descriptions of index pages
    "cohorts_intro": {"fr": "Chaque promotion réunit des habitantes et des habitants tirés au sort ; la page de chacune donne ses dates et sa composition.",
                      "en": "Each cohort brings together residents drawn by lot; each cohort's page gives its dates and composition."},
    "topics_intro": {"fr": "Les sujets travaillés par les ateliers et les vœux ou délibérations soumis au {council}.",
                     "en": "The topics the workshops worked on, and the vœux or délibérations put to the {council}."},
    "recommendations_intro": {"fr": "Chaque mesure connue des textes votés, et où elle en est.",
                              "en": "Every known measure of the voted texts, and where it stands."},
    "hearings_intro": {"fr": "Les personnes et les lieux que les membres ont entendus ou visités.",
                       "en": "The people and places the members heard or visited."},
    "meetings_intro": {"fr": "Les plénières, les séances du {council} et les réunions de droit de suite.",
                       "en": "Plenaries, {council} sessions and follow-up meetings."},
    "bodies_intro": {"fr": "L'Assemblée citoyenne n'est qu'une des instances de participation de la {city}.",
                     "en": "The Citizens' Assembly is one of several participatory bodies of the {city}."},
    "members_intro": {"fr": "La composition de chaque promotion et, quand elle est enregistrée ici, sa liste de membres.",
                      "en": "Each cohort's composition and, where it is recorded here, its member list."},
    "statuses_intro": {"fr": "Le vocabulaire utilisé pour dire où en est chaque mesure et, quand il existe, le terme correspondant de la Cour des comptes.",
                       "en": "The words used to say where each measure stands and, where there is one, the matching term of the French public-audit body (Cour des comptes)."},
    # generic
    "home": {"fr": "Accueil", "en": "Home"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "no_address": {"fr": "pas d'adresse publique connue", "en": "no public address known"},
    "consulted": {"fr": "consulté {date_on}", "en": "accessed {date_on}"},
    "consulted_on": {"fr": "consulté le", "en": "accessed on"},
    "published": {"fr": "publié ou mis à jour {date_on}", "en": "published or updated {date_on}"},
    "not_translated": {"fr": "pas encore traduit", "en": "not yet translated into English"},
    "unknown": {"fr": "Non connu", "en": "Unknown"},
    "none_recorded": {"fr": "Aucun enregistrement pour l'instant.", "en": "Nothing recorded yet."},
    "see_all": {"fr": "Tout voir", "en": "See all"},
    "cohort": {"fr": "Promotion", "en": "Cohort"},
    "topic": {"fr": "Sujet", "en": "Topic"},
    "workshop": {"fr": "Atelier", "en": "Workshop"},
    "workshops": {"fr": "Ateliers", "en": "Workshops"},
    "output": {"fr": "Texte", "en": "Text"},
    "vote": {"fr": "Vote du {council}", "en": "{council} vote"},
    "vote_date": {"fr": "Date du vote", "en": "Date of the vote"},
    "result": {"fr": "Résultat", "en": "Result"},
    "documents": {"fr": "Documents", "en": "Documents"},
    "official_pages": {"fr": "Pages officielles", "en": "Official pages"},
    "period": {"fr": "Période", "en": "Period"},
    "from_to": {"fr": "{start_from} {end_to}", "en": "{start_from} {end_to}"},
    "since": {"fr": "depuis {start_since}", "en": "since {start_since}"},
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
    "secondary_tag": {"fr": "source secondaire", "en": "secondary source"},
    "secondary_press": {"fr": "Mesure connue seulement par un article de presse : le texte officiel n'est pas enregistré ici.",
                        "en": "Measure known only from a press article: the official text is not recorded here."},
    "secondary_political_group": {"fr": "Mesure connue seulement par l'intervention d'un groupe politique : le texte officiel n'est pas enregistré ici.",
                                  "en": "Measure known only from a political group's speech: the official text is not recorded here."},
    "secondary_other_secondary": {"fr": "Mesure connue seulement par une source secondaire : le texte officiel n'est pas enregistré ici.",
                                  "en": "Measure known only from a secondary source: the official text is not recorded here."},
    "secondary_number": {"fr": "Cette source la cite comme la mesure {number} du texte ; ce numéro n'est pas vérifié sur le texte officiel.",
                         "en": "That source refers to it as measure {number} of the text; this number is not checked against the official text."},
    "text": {"fr": "Le texte voté", "en": "The text as voted"},
    "text_excerpt": {"fr": "Extrait cité par la source : le texte officiel complet n'est pas encore enregistré ici.",
                     "en": "Excerpt quoted by the source: the full official text is not yet recorded here."},
    "department": {"fr": "Direction de la Ville responsable", "en": "City department in charge"},
    "elected_official": {"fr": "Élu ou élue en charge", "en": "Elected official in charge"},
    "status": {"fr": "Statut", "en": "Status"},
    "progress": {"fr": "Avancement", "en": "Progress"},
    "progress_sentence": {"fr": "Avancement estimé : {progress} %", "en": "Estimated progress: {progress}%"},
    "progress_none": {"fr": "Avancement : non évalué", "en": "Progress: not assessed"},
    # A status's default percentage is a convention of the vocabulary, not an assessor's estimate.
    "progress_no_figure": {"fr": "Avancement : l'évaluation ne donne pas de pourcentage.",
                           "en": "Progress: the assessment gives no percentage."},
    "no_figure": {"fr": "pas de chiffre", "en": "no figure"},
    "default_progress_note": {"fr": "L'avancement par défaut d'un statut est une convention de ce site : il n'est jamais affiché comme l'avancement d'une mesure. Seul un pourcentage donné par une évaluation l'est.",
                              "en": "A status's default progress is a convention of this site: it is never shown as a measure's progress. Only a percentage given by an assessment is."},
    "response": {"fr": "Réponse de la Ville", "en": "City's response"},
    "fidelity": {"fr": "Fidélité au texte voté", "en": "Faithfulness to the text as voted"},
    "last_assessed": {"fr": "Dernière évaluation", "en": "Last assessed"},
    "next_due": {"fr": "Prochain suivi attendu", "en": "Next follow-up due"},
    "never_assessed": {"fr": "Aucun suivi de cette mesure n'est encore enregistré ici.",
                       "en": "No follow-up of this measure is recorded here yet."},
    "document_pending": {"fr": "La Ville a publié un document de suivi daté {date_of} ({link}) ; son contenu n'est pas encore saisi ici.",
                         "en": "The City published a follow-up document dated {date_of} ({link}); its content has not been entered here yet."},
    "document_entered_silent": {"fr": "La Ville a publié un document de suivi daté {date_of} ({link}) ; son contenu est saisi ici, et il ne donne pas de réponse sur cette mesure.",
                                "en": "The City published a follow-up document dated {date_of} ({link}); its content has been entered here, and it gives no answer on this measure."},
    "document_newer": {"fr": "La Ville a publié depuis un document de suivi daté {date_of} ({link}) ; son contenu n'est pas encore saisi ici.",
                       "en": "The City has since published a follow-up document dated {date_of} ({link}); its content has not been entered here yet."},
    "dated": {"fr": "daté", "en": "dated"},
    "documents_of_cohort": {"fr": "Documents de suivi publiés par la Ville", "en": "Follow-up documents published by the City"},
    "document_state_pending": {"fr": "contenu pas encore saisi ici", "en": "content not entered here yet"},
    "document_state_entered": {"fr": "contenu saisi ici", "en": "content entered here"},
    "cohort_document_pending": {"fr": "{cohort} : la Ville a publié un document de suivi daté {date_of} ({link}) ; son contenu n'est pas encore saisi ici.",
                                "en": "{cohort}: the City published a follow-up document dated {date_of} ({link}); its content has not been entered here yet."},
    "cohort_pending_count": {"fr": ("Sa mesure enregistrée apparaît donc encore comme non évaluée sur ce site.",
                                    "Ses {count} mesures enregistrées apparaissent donc encore comme non évaluées sur ce site."),
                             "en": ("Its recorded measure therefore still shows as not yet assessed on this site.",
                                    "Its {count} recorded measures therefore still show as not yet assessed on this site.")},
    "none_assessed": {"fr": ("Aucun suivi n'est encore enregistré ici pour la mesure recensée.",
                             "Aucun suivi n'est encore enregistré ici pour les {count} mesures recensées."),
                      "en": ("No follow-up is recorded here yet for the measure listed.",
                             "No follow-up is recorded here yet for any of the {count} measures listed.")},
    "rule_intro": {"fr": "Règle de suivi de la Ville :", "en": "The City's follow-up rule:"},
    "rule_sources": {"fr": ("Source :", "Sources :"), "en": ("Source:", "Sources:")},
    "first_due_future": {"fr": "Selon cette règle, la première réponse est attendue {date_on}.",
                         "en": "Under this rule, the first answer is due {date_on}."},
    "first_due_past_none": {"fr": "Selon cette règle, une réponse était attendue {date_on} ; aucune n'est enregistrée ici.",
                            "en": "Under this rule, an answer was due {date_on}; none is recorded here."},
    "first_due_past_document": {"fr": "Selon cette règle, une réponse était attendue {date_on}.",
                                "en": "Under this rule, an answer was due {date_on}."},
    "follow_up": {"fr": "Historique du suivi", "en": "Follow-up history"},
    "assessor": {"fr": "Évaluation par", "en": "Assessed by"},
    "target": {"fr": "Échéance", "en": "Target date"},
    "related": {"fr": "Voir aussi", "en": "See also"},
    "permalink": {"fr": "Lien permanent", "en": "Permanent link"},
    "measures": {"fr": "Mesures", "en": "Measures"},
    "measures_count": {"fr": ("{count} mesure enregistrée", "{count} mesures enregistrées"),
                       "en": ("{count} measure recorded", "{count} measures recorded")},
    "where_they_stand": {"fr": "Où en sont les recommandations", "en": "Where the recommendations stand"},
    "home_about": {"fr": "L'Assemblée et ce site", "en": "The Assembly and this site"},
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
    "subjects": {"fr": "Sujets abordés", "en": "Topics discussed"},
    "figures": {"fr": "Chiffres clés", "en": "Key figures"},
    "figure": {"fr": "Chiffre", "en": "Figure"},
    "figures_caption": {"fr": "Chiffres clés, avec leur source", "en": "Key figures, with their source"},
    "as_of": {"fr": "À la date de", "en": "As of"},
    "created": {"fr": "Création", "en": "Created"},
    "source_n": {"fr": "Source {n}", "en": "Source {n}"},
    "member_lists": {"fr": "Listes de membres", "en": "Member lists"},
    "member_list_none": {"fr": "La liste des membres de cette promotion n'est pas enregistrée ici.",
                         "en": "This cohort's member list is not recorded here."},
    "member_list_elsewhere": {"fr": "La liste des membres de cette promotion n'est pas reproduite ici. Selon {source}, la Ville la publie.",
                              "en": "This cohort's member list is not reproduced here. According to {source}, the City publishes it."},
    "composition_unknown": {"fr": "La répartition des membres par groupe n'est pas enregistrée ici.",
                            "en": "The number of members per group is not recorded here."},
    "partial_list": {"fr": "Liste partielle", "en": "Partial list"},
    "in_this_cohort": {"fr": "Sujets de cette promotion", "en": "Topics of this cohort"},
    "meetings_of_cohort": {"fr": "Séances de cette promotion", "en": "Sessions of this cohort"},
    "hearings_of": {"fr": "Auditions", "en": "Hearings"},
    "no_hearings": {"fr": "Aucune audition n'est encore enregistrée ici.",
                    "en": "No hearing is recorded here yet."},
    "no_recommendations": {"fr": "Aucune mesure de ce texte n'est encore enregistrée.", "en": "No measure of this text is recorded yet."},
    "summary_sentence_empty": {"fr": "Aucune recommandation enregistrée.", "en": "No recommendation recorded."},
    "summary_total": {"fr": ("{count} recommandation enregistrée : {parts}.", "{count} recommandations enregistrées : {parts}."),
                      "en": ("{count} recommendation recorded: {parts}.", "{count} recommendations recorded: {parts}.")},
    "summary_all": {"fr": ("{count} recommandation enregistrée, au statut {label}.", "{count} recommandations enregistrées, toutes au statut {label}."),
                    "en": ("{count} recommendation recorded, with the status {label}.", "{count} recommendations recorded, all with the status {label}.")},
    "summary_part": {"fr": "{count} au statut {label}", "en": "{count} with the status {label}"},
    "fictional": {"fr": "Données fictives : ce site de démonstration ne décrit rien de réel.",
                  "en": "Fictional data: this demonstration site describes nothing real."},
    "skip_sources": {"fr": "Aller aux sources", "en": "Go to the sources"},
    "all_cohorts": {"fr": "Les promotions", "en": "The cohorts"},
    "and": {"fr": "et", "en": "and"},
    "share": {"fr": "Part", "en": "Share"},
    "recommendation": {"fr": "Recommandation", "en": "Recommendation"},
    "department_short": {"fr": "Direction", "en": "Department"},
    "last_update": {"fr": "Dernière mise à jour", "en": "Last update"},
    "next_due_short": {"fr": "Prochain suivi", "en": "Next follow-up"},
    "disputed": {"fr": "évaluations divergentes", "en": "assessments differ"},
    "not_recorded": {"fr": "non enregistré ici", "en": "not recorded here"},
    "document_not_entered": {"fr": "document publié, pas encore saisi", "en": "document published, not entered yet"},
    "due_note": {"fr": "Les dates de suivi attendues suivent la règle de la Ville ci-dessous ; « non enregistré ici » veut dire que ce site n'a pas de suivi postérieur, pas que la Ville n'en a pas publié.",
                 "en": "Due dates follow the City's rule below; “not recorded here” means this site has no later follow-up, not that the City published none."},
    "follow_up_title": {"fr": "Le suivi des recommandations", "en": "Following up the recommendations"},
    "follow_up_of": {"fr": "Suivi des recommandations — {name}", "en": "Follow-up of the recommendations — {name}"},
    "follow_up_intro": {"fr": "Où en est chaque mesure enregistrée ici, d'après les suivis datés et leurs sources.",
                        "en": "Where each measure recorded here stands, from dated follow-ups and their sources."},
    "whole_assembly": {"fr": "Toute l'Assemblée", "en": "The whole Assembly"},
    "follow_up_table": {"fr": "Tableau de suivi", "en": "Follow-up table"},
    "follow_up_table_caption": {"fr": "Suivi des recommandations — {name} ({count})", "en": "Follow-up of the recommendations — {name} ({count})"},
    "as_it_stood": {"fr": "Le suivi au {date}", "en": "The follow-up as of {date}"},
    "as_it_stood_caption": {"fr": "Tableau de suivi tel qu'il était au {date}", "en": "Follow-up table as it stood on {date}"},
    "changes_since": {"fr": "Ce qui a changé depuis le {date}", "en": "What changed since {date}"},
    "changes_first": {"fr": "Premières évaluations", "en": "First assessments"},
    "changes_caption": {"fr": "Changements de statut ou d'avancement", "en": "Changes of status or progress"},
    "before": {"fr": "Avant", "en": "Before"},
    "after": {"fr": "Après", "en": "After"},
    "no_changes": {"fr": "Aucun changement enregistré entre ces deux dates.", "en": "No change recorded between these two dates."},
    "print_report": {"fr": "Imprimer ce rapport (format A4)", "en": "Print this report (A4)"},
    "report_generated": {"fr": "Données au {date}.", "en": "Data as of {date}."},
    "sheet_download": {"fr": "Pour le prochain suivi, le tableau que les agents de la Ville remplissent :",
                       "en": "For the next follow-up, the sheet City staff fill in:"},
    "stale_warning": {"fr": "Selon cette règle, un nouveau suivi était attendu {date_on} ; aucun n'est enregistré ici depuis celui {last_of}.",
                      "en": "Under this rule, a new follow-up was due {date_on}; none is recorded here after the one of {last_of}."},
    "first_due": {"fr": "Premier suivi attendu", "en": "First follow-up due"},
    "target_history": {"fr": "Échéances successives", "en": "Target dates over time"},
    "target_set": {"fr": "Échéance fixée : {target} (évaluation du {on})", "en": "Target set to {target} (assessment of {on})"},
    "target_moved": {"fr": "Échéance déplacée de {previous} à {target} (évaluation du {on})", "en": "Target moved from {previous} to {target} (assessment of {on})"},
    "verdicts": {"fr": "Des évaluations divergentes", "en": "Assessments that differ"},
    "verdicts_intro": {"fr": "Les évaluateurs ne s'accordent pas : voici la dernière évaluation de chacun.",
                       "en": "The assessors do not agree: here is the latest assessment of each."},
    "verdicts_caption": {"fr": "Dernière évaluation de chaque évaluateur", "en": "Latest assessment by each assessor"},
    "answer": {"fr": "Réponse", "en": "Answer"},
    "progress_reason": {"fr": "Pourquoi cet avancement", "en": "Why this progress"},
    "see_follow_up": {"fr": "Voir le tableau de suivi", "en": "See the follow-up table"},
    "member_list_of": {"fr": "Les membres — {name}", "en": "The members — {name}"},
    "member_counts": {"fr": ("{count} membre enregistré : {named} nommé, {counted} compté seulement, selon son consentement.",
                             "{count} membres enregistrés : {named} nommés, {counted} comptés seulement, selon le consentement de chacun."),
                      "en": ("{count} member recorded: {named} named, {counted} counted only, as they consented.",
                             "{count} members recorded: {named} named, {counted} counted only, as each of them consented.")},
    "published_by_city": {"fr": "La Ville publie la liste :", "en": "The City publishes the list:"},
    "by_category": {"fr": "Par groupe", "en": "By group"},
    "by_workshop": {"fr": "Par atelier", "en": "By workshop"},
    "members_by_category": {"fr": "Membres par groupe", "en": "Members by group"},
    "members_by_workshop": {"fr": "Membres par atelier", "en": "Members by workshop"},
    "member_names": {"fr": "Les membres nommés", "en": "Named members"},
    "member_names_caption": {"fr": "Membres qui ont accepté que leur nom soit publié ({count})", "en": "Members who agreed to have their name published ({count})"},
    "name": {"fr": "Nom", "en": "Name"},
    "counted_only_note": {"fr": ("{count} membre a choisi de n'être que compté : il figure dans les chiffres, jamais par son nom.",
                                 "{count} membres ont choisi de n'être que comptés : ils figurent dans les chiffres, jamais par leur nom."),
                          "en": ("{count} member chose to be counted only: they are in the figures, never named.",
                                 "{count} members chose to be counted only: they are in the figures, never named.")},
    "explorer": {"fr": "Explorer les recommandations", "en": "Explore the recommendations"},
    "filter_text": {"fr": "Rechercher dans le tableau", "en": "Search the table"},
    "filter_all": {"fr": "Toutes", "en": "All"},
    "filter_reset": {"fr": "Effacer les filtres", "en": "Clear the filters"},
    "filter_count": {"fr": "Recommandations affichées : {{shown}} sur {{total}}.", "en": "Recommendations shown: {{shown}} of {{total}}."},
    "contribute": {"fr": "Contribuer", "en": "Contribute"},
    "contribute_intro": {"fr": "Pour les agents qui tiennent ce site à jour : la référence des champs et l'état des traductions.",
                         "en": "For the staff who keep this site up to date: the field reference and the state of translations."},
    "contributing_guide": {"fr": "Le guide de contribution (CONTRIBUTING.md)", "en": "The contributing guide (CONTRIBUTING.en.md)"},
    "field_reference": {"fr": "Référence des champs", "en": "Field reference"},
    "field_reference_intro": {"fr": "Chaque champ que l'on peut écrire dans chaque fichier de données, généré à partir du schéma.",
                              "en": "Every field that can be written in each data file, generated from the schema."},
    "descriptions_in_english": {"fr": "Les descriptions des champs viennent du schéma, rédigé en anglais.",
                                "en": "Field descriptions come from the schema, written in English."},
    "record_types": {"fr": "Types de fiches et groupes de champs", "en": "Record types and groups of fields"},
    "fields_of": {"fr": "Champs de {name}", "en": "Fields of {name}"},
    "field": {"fr": "Champ", "en": "Field"},
    "required": {"fr": "Obligatoire", "en": "Required"},
    "field_kind": {"fr": "Nature", "en": "Kind"},
    "example": {"fr": "Exemple", "en": "Example"},
    "kind_text": {"fr": "texte", "en": "text"},
    "kind_localized": {"fr": "texte en français (fr) et en anglais (en)", "en": "text in French (fr) and English (en)"},
    "kind_date": {"fr": "date AAAA-MM-JJ", "en": "date YYYY-MM-DD"},
    "kind_flexdate": {"fr": "date AAAA-MM-JJ, AAAA-MM ou AAAA", "en": "date YYYY-MM-DD, YYYY-MM or YYYY"},
    "kind_number": {"fr": "nombre entier", "en": "whole number"},
    "kind_flag": {"fr": "true ou false", "en": "true or false"},
    "kind_id": {"fr": "identifiant", "en": "identifier"},
    "kind_url": {"fr": "adresse web https://…", "en": "web address https://…"},
    "kind_choice": {"fr": "une valeur de la liste", "en": "one value from the list"},
    "kind_group": {"fr": "groupe de champs", "en": "group of fields"},
    "kind_list": {"fr": "liste", "en": "list"},
    "translation_report": {"fr": "État des traductions", "en": "Translation report"},
    "translation_report_intro": {"fr": "Les textes qui n'existent encore qu'en français : le site anglais les affiche en français, signalés comme non traduits.",
                                 "en": "Texts that exist only in French so far: the English site shows them in French, marked as not yet translated."},
    "missing_count": {"fr": ("{count} texte à traduire.", "{count} textes à traduire."),
                      "en": ("{count} text to translate.", "{count} texts to translate.")},
    "missing_caption": {"fr": "Textes sans traduction anglaise ({count})", "en": "Texts without an English translation ({count})"},
    "file": {"fr": "Fichier", "en": "File"},
    "missing_language": {"fr": "Langue manquante", "en": "Missing language"},
    "french_text": {"fr": "Texte français (début)", "en": "French text (beginning)"},
    "data_title": {"fr": "Données ouvertes", "en": "Open data"},
    "data_intro": {"fr": "Toutes les données du site, à télécharger et réutiliser : les mêmes chiffres que sur les pages, décrits champ par champ.",
                   "en": "All the site's data, to download and re-use: the same figures as on the pages, described field by field."},
    "downloads": {"fr": "Téléchargements", "en": "Downloads"},
    "downloads_caption": {"fr": "Fichiers de données ({count})", "en": "Data files ({count})"},
    "dataset": {"fr": "Jeu de données", "en": "Dataset"},
    "download_as": {"fr": "Télécharger en {format}", "en": "Download as {format}"},
    "datapackage_note": {"fr": "la description de tous les fichiers et de tous les champs (format Frictionless Data Package).",
                         "en": "the description of every file and field (Frictionless Data Package)."},
    "csv_note": {"fr": "Quel fichier choisir\u00a0? Pour un tableur (Excel, LibreOffice Calc, Numbers), le classeur Excel (.xlsx)\u00a0: il s'ouvre tel quel, accents compris. Pour un programme, le CSV (UTF-8 sans BOM, séparé par des virgules) ou le JSON. Dans les CSV seulement, une cellule qui commencerait par =, +, - ou @ est précédée d'une apostrophe, pour qu'aucun tableur ne l'exécute comme une formule.",
                 "en": "Which file? For a spreadsheet (Excel, LibreOffice Calc, Numbers), the Excel workbook (.xlsx): it opens as it is, accents included. For a program, the CSV (UTF-8 without BOM, comma-separated) or the JSON. In the CSV files only, a cell that would start with =, +, - or @ gets a leading apostrophe, so that no spreadsheet runs it as a formula."},
    "feeds": {"fr": "Flux d'actualité du suivi", "en": "Follow-up news feeds"},
    "feeds_intro": {"fr": "Chaque nouvelle évaluation d'une mesure, dans votre lecteur de flux (Atom).",
                    "en": "Each new assessment of a measure, in your feed reader (Atom)."},
    "feed_all": {"fr": "Toutes les mesures", "en": "All measures"},
    "calendar": {"fr": "Les prochaines séances, pour votre agenda", "en": "Upcoming sessions, for your calendar"},
    "dictionary": {"fr": "Dictionnaire des données", "en": "Data dictionary"},
    "dictionary_intro": {"fr": "Chaque colonne de chaque fichier ; les descriptions sont celles du fichier datapackage.json, en anglais.",
                         "en": "Every column of every file; descriptions are those of datapackage.json."},
    "columns_of": {"fr": "Colonnes de {name}", "en": "Columns of {name}"},
    "columns_count": {"fr": ("Sa colonne ({count}), définie", "Ses {count} colonnes, définies une à une"),
                      "en": ("Its column ({count}), defined", "Its {count} columns, defined one by one")},
    "columns_in_english": {"fr": "Les définitions des colonnes sont celles du fichier datapackage.json, en anglais.",
                                "en": "The columns' definitions are those of datapackage.json."},
    "field_required": {"fr": "obligatoire", "en": "required"},
    "field_optional": {"fr": "peut être vide", "en": "may be empty"},
    # The data files (donnees/, generator/exports.py), as the data page names them in each language;
    # a file missing here is shown with datapackage.json's English title and description.
    "dataset_statuses": {"fr": "Statuts", "en": "Statuses"},
    "dataset_statuses_about": {"fr": "Le vocabulaire des statuts de suivi, du moins au plus avancé.",
                               "en": "The status vocabulary of the follow-up, from the least to the most advanced."},
    "dataset_cohorts": {"fr": "Promotions", "en": "Cohorts"},
    "dataset_cohorts_about": {"fr": "Les promotions de l'Assemblée.", "en": "The Assembly's cohorts."},
    "dataset_topics": {"fr": "Sujets", "en": "Topics"},
    "dataset_topics_about": {"fr": "Les sujets travaillés par les ateliers, chacun avec son vœu ou sa délibération.",
                             "en": "The subjects the workshops worked on, each with its vœu or délibération."},
    "dataset_recommendations": {"fr": "Recommandations", "en": "Recommendations"},
    "dataset_recommendations_about": {"fr": "Une ligne par recommandation (mesure d'un vœu ou d'une délibération), avec où en est son suivi.",
                                      "en": "One row per recommendation (measure of a vœu or délibération), with its current follow-up state."},
    "dataset_follow_up_entries": {"fr": "Entrées de suivi", "en": "Follow-up entries"},
    "dataset_follow_up_entries_about": {"fr": "Chaque entrée de suivi datée de chaque recommandation, de la plus ancienne à la plus récente ; une correction est une nouvelle entrée.",
                                        "en": "Every dated follow-up entry of every recommendation, oldest first; a correction is a new entry."},
    "dataset_hearings": {"fr": "Auditions et visites", "en": "Hearings and visits"},
    "dataset_hearings_about": {"fr": "Les auditions et les visites qui ont nourri les ateliers.",
                               "en": "The hearings and visits that informed the workshops."},
    "dataset_meetings": {"fr": "Séances et réunions", "en": "Sessions and meetings"},
    "dataset_meetings_about": {"fr": "Les plénières, les réunions de droit de suite, les séances du {council} et les autres séances enregistrées.",
                               "en": "Plenaries, follow-up meetings, {council} sessions and the other sessions recorded."},
    "dataset_bodies": {"fr": "Autres instances de participation", "en": "Other participatory bodies"},
    "dataset_bodies_about": {"fr": "Les autres instances de participation de la {city}.",
                             "en": "The other participatory bodies of the {city}."},
    "dataset_body_figures": {"fr": "Chiffres clés des autres instances", "en": "Key figures of the other participatory bodies"},
    "dataset_body_figures_about": {"fr": "Les chiffres clés de chaque instance, chacun avec la source qui le donne.",
                                   "en": "The key figures of each body, each with the source that gives it."},
    "dataset_member_counts": {"fr": "Membres par promotion et par groupe", "en": "Members per cohort and group"},
    "dataset_member_counts_about": {"fr": "Combien de membres chaque promotion comptait par groupe : selon les sources, et selon les listes de membres de ce site. Des nombres seulement : aucun membre n'est nommé ici.",
                                    "en": "How many members each cohort had per group: as the sources state it, and as this site's member lists count them. Counts only: no member is named here."},
    "column": {"fr": "Colonne", "en": "Column"},
    "open_data": {"fr": "Télécharger ces données (Excel, CSV, JSON)", "en": "Download this data (Excel, CSV, JSON)"},
    "cite_this": {"fr": "Citer cette recommandation", "en": "Cite this recommendation"},
    "copy_citation": {"fr": "Copier la citation", "en": "Copy the citation"},
    "copied": {"fr": "Citation copiée.", "en": "Citation copied."},
    "data_version": {"fr": "version des données", "en": "data version"},
    "search_title": {"fr": "Rechercher", "en": "Search"},
    "search_intro": {"fr": "Cherchez dans toutes les pages du site : recommandations, sujets, promotions, séances, auditions. Affinez avec les filtres.",
                     "en": "Search every page of the site: recommendations, topics, cohorts, sessions, hearings. Narrow down with the filters."},
    "search_needs_js": {"fr": "La recherche a besoin de JavaScript. Sans lui, parcourez les listes :", "en": "Search needs JavaScript. Without it, browse the lists:"},
    "sort_by_date": {"fr": "Trier par date (les plus récents d'abord)", "en": "Sort by date (newest first)"},
    "sort_by_relevance": {"fr": "Trier par pertinence", "en": "Sort by relevance"},
    "filter_type": {"fr": "Type de page", "en": "Page type"},
    "filter_cohort": {"fr": "Promotion", "en": "Cohort"},
    "filter_topic": {"fr": "Sujet", "en": "Topic"},
    "filter_status": {"fr": "Statut", "en": "Status"},
    "filter_workshop": {"fr": "Atelier", "en": "Workshop"},
    # the search page's own controls and messages (theme/overrides/assets/javascripts/search.js)
    "search_label": {"fr": "Mots à rechercher", "en": "Words to search for"},
    "search_hint": {"fr": "Un mot, un nom, un nombre ou un identifiant (par exemple\u00a0: logement, 2000 places, ac2-sans-abrisme-03).",
                    "en": "A word, a name, a number or an identifier (for example: housing, 2000 places, ac2-sans-abrisme-03)."},
    "search_button": {"fr": "Rechercher", "en": "Search"},
    "search_filters": {"fr": "Filtres", "en": "Filters"},
    "search_order": {"fr": "Ordre des résultats", "en": "Order of the results"},
    "search_none": {"fr": "Aucun résultat pour «\u00a0{{query}}\u00a0».", "en": "No results for “{{query}}”."},
    "search_one": {"fr": "1 résultat pour «\u00a0{{query}}\u00a0».", "en": "1 result for “{{query}}”."},
    "search_many": {"fr": "{{count}} résultats pour «\u00a0{{query}}\u00a0».", "en": "{{count}} results for “{{query}}”."},
    "search_none_filtered": {"fr": "Aucune page ne correspond à ces filtres.", "en": "No page matches these filters."},
    "search_many_filtered": {"fr": "{{count}} page(s) correspondent à ces filtres.", "en": "{{count}} page(s) match these filters."},
    "search_corrected": {"fr": "Aucun résultat pour «\u00a0{{typed}}\u00a0»\u00a0: voici les résultats pour «\u00a0{{used}}\u00a0».",
                         "en": "No results for “{{typed}}”: here are the results for “{{used}}”."},
    "search_more": {"fr": "Afficher plus de résultats", "en": "Show more results"},
    "search_working": {"fr": "Recherche en cours…", "en": "Searching…"},
    "search_empty": {"fr": "Saisissez ce que vous cherchez, ou choisissez des filtres.", "en": "Type what you are looking for, or choose filters."},
    "search_failed": {"fr": "La recherche n'a pas pu se charger. Parcourez les listes\u00a0:", "en": "Search could not load. Browse the lists:"},
    "target_reason": {"fr": "Pourquoi l'échéance change", "en": "Why the target date moved"},
    "stale_translations": {"fr": "Traductions plus anciennes que le texte français", "en": "Translations older than the French text"},
    "stale_unavailable": {"fr": "Cette vérification a besoin de l'historique git du dépôt.", "en": "This check needs the repository's git history."},
    "stale_caption": {"fr": "Textes anglais à revoir : le français a changé depuis ({count})", "en": "English texts to review: the French changed since ({count})"},
    "stale_none": {"fr": "Aucune : chaque texte anglais est au moins aussi récent que son texte français.", "en": "None: every English text is at least as recent as its French text."},
    "french_changed": {"fr": "Français modifié le", "en": "French changed on"},
    "english_changed": {"fr": "Anglais modifié le", "en": "English changed on"},
    "learn_more": {"fr": "En savoir plus", "en": "Learn more"},
    "figure_note": {"fr": "Remarque", "en": "Note"},
    # the variable parts of the legal pages (theme/templates/pages/legal_*.html)
    "not_filled": {"fr": "pas encore renseigné par l'éditeur du site", "en": "not yet filled in by the site's publisher"},
    "legal_publisher": {"fr": "Éditeur", "en": "Publisher"},
    "legal_publisher_name": {"fr": "Nom ou dénomination", "en": "Name"},
    "legal_publisher_address": {"fr": "Adresse ou siège social", "en": "Address or registered office"},
    "legal_director": {"fr": "Directeur ou directrice de la publication", "en": "Director of publication"},
    "legal_person_name": {"fr": "Nom", "en": "Name"},
    "legal_host": {"fr": "Hébergeur", "en": "Host"},
    "legal_host_name": {"fr": "Nom", "en": "Name"},
    "legal_host_address": {"fr": "Adresse", "en": "Address"},
    "legal_host_phone": {"fr": "Téléphone", "en": "Telephone"},
    "legal_intro": {"fr": "Les informations que la loi pour la confiance dans l'économie numérique (article 6-III) impose de publier.",
                    "en": "The information the French law on confidence in the digital economy (LCEN, article 6-III) requires a site to publish."},
    "legal_unfilled": {"fr": "Une information marquée « pas encore renseigné » manque encore : ce site ne l'invente pas.",
                       "en": "An item marked “not yet filled in” is still missing: this site does not invent it."},
    "legal_licence": {"fr": "Licence des données", "en": "Data licence"},
    "legal_licence_text": {"fr": "Les données que ce site produit (les fiches et les fichiers téléchargeables) sont publiées sous cette licence : {licence}.",
                           "en": "The data this site produces (its records and downloadable files) are published under this licence: {licence}."},
    "licence_exclusion": {"fr": "Les citations de documents de tiers (pages de la Ville, articles de presse, interventions de groupes politiques…) restent la propriété de leurs auteurs et ne sont pas couvertes par cette licence.",
                          "en": "Quotations of third-party documents (City pages, press articles, political groups' speeches…) remain the property of their authors and are not covered by this licence."},
    "legal_no_licence": {"fr": "Aucune licence n'est déclarée pour les données de ce site.", "en": "No licence is declared for this site's data."},
    "privacy_controller_title": {"fr": "Responsable du traitement et contact", "en": "Data controller and contact"},
    "privacy_controller": {"fr": "Responsable du traitement", "en": "Data controller"},
    "privacy_contact": {"fr": "Contact (sans compte GitHub)", "en": "Contact (no GitHub account needed)"},
    "privacy_basis": {"fr": "Base légale de la publication des noms", "en": "Legal basis for publishing names"},
    "privacy_retention": {"fr": "Durée de conservation", "en": "Retention period"},
    "privacy_rules_title": {"fr": "Les règles que le site applique toujours", "en": "The rules the site always applies"},
    "privacy_rule_minors": {"fr": "Aucun nom de mineur n'est jamais publié : les membres mineurs figurent seulement dans les chiffres.",
                            "en": "No minor's name is ever published: members who are minors appear only in the figures."},
    "privacy_rule_groups": {"fr": "Le groupe d'un membre (groupe d'âge, groupe de nationalité) n'est publié que sous forme de décompte, jamais à côté d'un nom.",
                            "en": "A member's group (age group, nationality group) is published only as a count, never beside a name."},
    "privacy_rule_consent": {"fr": "Un membre n'est nommé que si la Ville a elle-même publié son nom, et sous la forme à laquelle il a consenti ; aucune coordonnée n'est publiée.",
                             "en": "A member is named only if the City itself published their name, and in the form they agreed to; no contact details are published."},
    "a11y_contact_title": {"fr": "Retour d'information et contact", "en": "Feedback and contact"},
    "a11y_contact": {"fr": "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous : {contact}. Vous pouvez aussi ouvrir un ticket sur le dépôt du projet, si vous avez un compte GitHub. Décrivez la page et ce que vous avez essayé de faire ; nous chercherons à vous fournir le contenu sous une autre forme et à corriger le problème.",
                     "en": "If you cannot reach a content or a service, write to us: {contact}. You can also open an issue on the project's repository if you have a GitHub account. Describe the page and what you tried to do; we will try to give you the content in another form and to fix the problem."},
    "a11y_contact_missing": {"fr": "Si vous n'arrivez pas à accéder à un contenu ou à un service, signalez-le. Le contact qui ne demande pas de compte GitHub n'est pas encore renseigné par l'éditeur du site : en attendant, ouvrez un ticket sur {repository} (il faut un compte GitHub). Décrivez la page et ce que vous avez essayé de faire ; nous chercherons à vous fournir le contenu sous une autre forme et à corriger le problème.",
                             "en": "If you cannot reach a content or a service, report it. The contact that needs no GitHub account is not yet filled in by the site's publisher: until then, open an issue on {repository} (a GitHub account is needed). Describe the page and what you tried to do; we will try to give you the content in another form and to fix the problem."},
    "the_repository": {"fr": "le dépôt du projet", "en": "the project's repository"},
    "a11y_remedies_title": {"fr": "Voies de recours", "en": "Remedies"},
    "a11y_remedies": {"fr": "Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :",
                      "en": "If you reported an accessibility barrier that prevents you from reaching a content or a service and did not get a satisfactory answer, you can refer the matter to the Défenseur des droits (the French rights ombudsman):"},
    "a11y_remedy_form": {"fr": "en écrivant un message au Défenseur des droits par son {link} ;", "en": "by writing to the Défenseur des droits through its {link};"},
    "a11y_remedy_form_link": {"fr": "formulaire en ligne", "en": "online form"},
    "a11y_remedy_delegate": {"fr": "en contactant {link} ;", "en": "by contacting {link};"},
    "a11y_remedy_delegate_link": {"fr": "le délégué du Défenseur des droits dans votre région", "en": "the Défenseur des droits' delegate in your region"},
    "a11y_remedy_post": {"fr": "en envoyant un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
                         "en": "by post (free of charge, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07, France."},
    "a11y_scope": {"fr": "Cette déclaration d'accessibilité s'applique au site {url}, publié par {publisher}.",
                   "en": "This accessibility statement applies to the site {url}, published by {publisher}."},
    "the_publisher_unknown": {"fr": "un éditeur dont le nom n'est pas encore renseigné", "en": "a publisher whose name is not yet filled in"},
}

#: Vote results agree with the text voted: « délibération adoptée », « vœu adopté ».
FEMININE_RESULTS = {"adopted": "Adoptée", "rejected": "Rejetée"}
#: Output kinds (schema.OUTPUT_KINDS) that are feminine nouns in French.
FEMININE_OUTPUTS = frozenset({"deliberation"})

#: Months whose French name starts with a vowel take « d' » rather than « de ».
_VOWEL_MONTHS = frozenset({4, 8, 10})


def singular(count: int, lang: str) -> bool:
    """French takes the singular for 0 and 1, English for 1 only."""
    return count < 2 if lang == "fr" else count == 1


def template(key: str, lang: str, count: object = None) -> str:
    """The sentence `key` in `lang`, unfilled; the form for `count` when it has two."""
    form = STRINGS[key][lang]
    if isinstance(form, tuple):
        assert isinstance(count, int), f"{key} needs a whole number `count`"
        return form[0 if singular(count, lang) else 1]
    return form


def text(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang`; {placeholders} are filled from `values` (extra values are ignored).
    A sentence with a singular and a plural form is chosen by `count`."""
    form = template(key, lang, values.get("count"))
    return form.format(**values) if values else form


def vote_result(result: str, output: str, lang: str) -> str:
    """« Adopté » for a vœu, « Adoptée » for a délibération; English has one form."""
    from ..records.schema import VOTE_RESULTS

    if lang == "fr" and output in FEMININE_OUTPUTS and result in FEMININE_RESULTS:
        return FEMININE_RESULTS[result]
    return VOTE_RESULTS.label(result, lang)


def format_on(value: date | PartialDate | None, lang: str) -> str:
    """A date with its preposition: 'le 2 juillet 2025', 'en juillet 2024' / 'on 2 July 2025', 'in July 2024'."""
    if value is None:
        return text("unknown", lang)
    precise = isinstance(value, date) or value.day is not None
    if lang == "fr":
        return ("le " if precise else "en ") + format_date(value, lang)
    return ("on " if precise else "in ") + format_date(value, lang)


def _partial(value: date | PartialDate) -> PartialDate:
    return PartialDate(value.year, value.month, value.day) if isinstance(value, date) else value


def format_of(value: date | PartialDate | None, lang: str) -> str:
    """A date after « de »: « du 27 novembre 2021 », « de mars 2024 », « d'octobre 2024 », « de 2021 »
    / '27 November 2021', 'March 2024' (English writes 'dated March 2024', 'from …' is `format_from`)."""
    if value is None:
        return text("unknown", lang)
    part = _partial(value)
    if lang != "fr":
        return format_date(part, lang)
    if part.day is not None:
        return "du " + format_date(part, lang)
    if part.month is not None and part.month in _VOWEL_MONTHS:
        return "d'" + format_date(part, lang)
    return "de " + format_date(part, lang)


def format_from(value: date | PartialDate | None, lang: str) -> str:
    """The start of a period: « du 27 novembre 2021 », « d'octobre 2024 » / 'from 27 November 2021'."""
    if lang == "fr" or value is None:
        return format_of(value, lang)
    return "from " + format_date(_partial(value), lang)


def format_to(value: date | PartialDate | None, lang: str) -> str:
    """The end of a period: « au 2 juillet 2025 », « à mars 2023 », « à 2023 » / 'to 2 July 2025'."""
    if value is None:
        return text("unknown", lang)
    part = _partial(value)
    if lang != "fr":
        return "to " + format_date(part, lang)
    return ("au " if part.day is not None else "à ") + format_date(part, lang)


def format_since(value: date | PartialDate | None, lang: str) -> str:
    """After « depuis » / 'since': « le 2 juillet 2025 », « juillet 2024 » / '2 July 2025'."""
    if value is None:
        return text("unknown", lang)
    part = _partial(value)
    if lang == "fr" and part.day is not None:
        return "le " + format_date(part, lang)
    return format_date(part, lang)


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
