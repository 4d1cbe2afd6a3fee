"""Demo content transcribed from the Coventry seed documents (../shared/seeds).

Sources:
- seed 000 (000_3eab4a38158b9d8c.txt): HWB agenda pack for 8 July 2019 - agenda front
  sheet, minutes of 8 April 2019 (minutes 40-53), the draft Joint Health and Wellbeing
  Strategy 2019-23 and the JSNA Citywide Profile 2019.
- seed 001 (001_aa49904ca985e743.txt): Stocktake of progress, September 2021.
- seed 003 (003_30eab56d6a94490f.txt): the 2023 refresh of the strategy (undated).
- seed 004 (004_ab1e69ec03ab3d5a.txt): Cabinet agenda pack for 29 October 2019 - Cabinet
  minutes of 8 October 2019 and the final strategy.

Plain data only (no Django imports). String "key"s are internal references between
records. Text in quotes is verbatim from the seeds (HTML <sup> ordinals turned into
plain text, page-break splits joined, curly apostrophes in titles normalised to straight
ones).
Anything not stated in the seeds is marked with an "inferred:" comment. Line numbers
("L123") refer to the seed files. Email addresses are invented (example.* domains only).

Public values read as plain statements about the council's business: notes about the
seeds themselves ("seed 000 L1371", "period not stated in the seed", "[sic]") go in a
row's "provenance" key (a note on the whole row, or {field: note}), and what is
inferred also goes in its "inferred" key ({field: why}, "" for the whole row). The
loader copies both into the officer-only provenance record (hwbb.models.Provenance).
"""

# Every organisation a member or attendee represents, plus successors (CCG -> ICB).
ORGANISATIONS = [
    {
        "key": "ccc",
        "name": "Coventry City Council",
        "kind": "local_authority",
        "aliases": ["CCC", "Coventry Council", "the City Council", "the Council"],
        "successor": None,
    },
    {
        # seed 000 L112, L1734; 'Governing Board' (L669) / 'Governing Body' (L1734, seed
        # 004 L2215).
        # general knowledge: merged into NHS Coventry and Warwickshire CCG in April
        # 2021.
        "key": "crccg",
        "name": "Coventry and Rugby CCG",
        "kind": "ccg",
        "aliases": [
            "Coventry and Rugby Clinical Commissioning Group",
            "NHS Coventry and Rugby CCG",
        ],
        "successor": "cw-ccg",
    },
    {
        # seed 001 L78 ('Coventry and Warwickshire CCG', co-commissioner of Kooth,
        # 2021).
        # general knowledge: replaced by the Integrated Care Board in July 2022 (Health
        # & Care Act 2022, seed 003 L11).
        "key": "cw-ccg",
        "name": "Coventry and Warwickshire CCG",
        "kind": "ccg",
        "aliases": [
            "NHS Coventry and Warwickshire CCG",
            "Coventry and Warwickshire Clinical Commissioning Group",
        ],
        "successor": "cw-icb",
    },
    {
        # seed 003 L7, L168, L174 ('the Integrated Care Board (ICB)').
        "key": "cw-icb",
        "name": "Coventry and Warwickshire Integrated Care Board",
        "kind": "icb",
        "aliases": [
            "Integrated Care Board",
            "ICB",
            "NHS Coventry and Warwickshire ICB",
            "C&W ICB",
        ],
        "successor": None,
    },
    {
        "key": "uhcw",
        "name": "University Hospitals Coventry and Warwickshire NHS Trust",
        "kind": "nhs_trust",
        "aliases": [
            "UHCW",
            "University Hospitals Coventry and Warwickshire",
            "University Hospital Coventry and Warwickshire NHS Trust",
            "University Hospital",
        ],
        "successor": None,
    },
    {
        # 'Coventry and Warwickshire Primary Care Trust' (seed 001 L144) is taken to
        # mean this trust (inferred).
        "key": "cwpt",
        "name": "Coventry and Warwickshire Partnership NHS Trust",
        "kind": "nhs_trust",
        "aliases": [
            "CWPT",
            "Coventry and Warwickshire Partnership Trust",
            "Coventry and Warwickshire Primary Care Trust",
        ],
        "inferred": {
            "aliases": (
                "'Coventry and Warwickshire Primary Care Trust' (seed 001 L144) taken "
                "to mean this trust"
            ),
        },
        "successor": None,
    },
    {
        "key": "healthwatch",
        "name": "Healthwatch Coventry",
        "kind": "healthwatch",
        "aliases": ["Coventry Healthwatch"],
        "successor": None,
    },
    {
        "key": "vac",
        "name": "Voluntary Action Coventry",
        "kind": "vcs",
        "aliases": ["VAC"],
        "successor": None,
    },
    {
        "key": "wmp",
        "name": "West Midlands Police",
        "kind": "police",
        "aliases": ["Coventry Police", "WM Police"],
        "successor": None,
    },
    {
        "key": "wmfs",
        "name": "West Midlands Fire Service",
        "kind": "fire",
        "aliases": ["WM Fire and Rescue"],
        "successor": None,
    },
    {
        "key": "cov-uni",
        "name": "Coventry University",
        "kind": "university",
        "aliases": [],
        "successor": None,
    },
    {
        "key": "warwick-uni",
        "name": "University of Warwick",
        "kind": "university",
        "aliases": [],
        "successor": None,
    },
    {
        "key": "pyf",
        "name": "Positive Youth Foundation",
        "kind": "vcs",
        "aliases": ["PYF"],
        "successor": None,
    },
    {
        # seed 000 L2797: the STP is 'now to be called the Coventry and Warwickshire
        # Health and Care Partnership'.
        "key": "bhbcbv",
        "name": "Better Health, Better Care, Better Value",
        "kind": "partnership",
        "aliases": [
            "BHBCBV",
            "Better Health Better Care Better Value",
            "STP",
            "Coventry and Warwickshire STP",
        ],
        "successor": "cw-hcp",
    },
    {
        "key": "cw-hcp",
        "name": "Coventry and Warwickshire Health and Care Partnership",
        "kind": "partnership",
        "aliases": [
            "Coventry & Warwickshire Health and Care Partnership",
            "Coventry and Warwickshire ICS",
            "Coventry & Warwickshire Integrated Care System",
        ],
        "successor": None,
    },
    {
        # Rachael Danter represented NHS England on the Board until April 2019 (minute
        # 42).
        "key": "nhse",
        "name": "NHS England",
        "kind": "national_body",
        "aliases": [],
        "successor": None,
    },
    {
        "key": "grapevine",
        "name": "Grapevine Coventry and Warwickshire",
        "kind": "vcs",
        "aliases": ["Grapevine"],
        "successor": None,
    },
    {
        # Name variants from seed 000 L3748, L3753, L3875, L4042 and seed 001 L42.
        "key": "moat-house",
        "name": "Moat House Community Trust",
        "kind": "vcs",
        "aliases": [
            "Moathouse Community Trust",
            "Moathouse Community Development Trust",
            "MHCT",
            "Moot House",
            "Moor House",
        ],
        "successor": None,
    },
    {
        "key": "wmca",
        "name": "West Midlands Combined Authority",
        "kind": "local_authority",
        "aliases": ["WMCA"],
        "successor": None,
    },
    {
        "key": "kings-fund",
        "name": "The King's Fund",
        "kind": "other",
        "aliases": ["King's Fund", "Kings Fund"],
        "successor": None,
    },
]

# Everyone in the 8 April 2019 attendance block, the July 2019 membership line, the
# Cabinet attendance of 8 October 2019, presenters, authors and strategy leads.
# given_names is '' where the seeds give only an initial or a surname.
PEOPLE = [
    {
        # Chair of the Board. Full name 'Kamran Asif Caan' in seed 004 L1892; portfolio
        # from seed 004 L1673.
        "key": "caan",
        "honorific": "Councillor",
        "given_names": "Kamran",
        "family_name": "Caan",
        "display_name": "Councillor Kamran Caan",
        "aliases": [
            "Councillor Caan",
            "Cllr K Caan",
            "Cllr Kamran Caan",
            "Councillor K Caan",
            "Councillor Kamran Asif Caan",
            "The Chair, Councillor Caan",
        ],
        "job_title": "Cabinet Member for Public Health and Sport",
        "organisation": "ccc",
        "email": "kamran.caan@example.coventry.gov.uk",
    },
    {
        # Board Member on 8 April 2019 only (not in the July 2019 membership line).
        "key": "abbott",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Abbott",
        "display_name": "Councillor Abbott",
        "aliases": ["Councillor Abbott"],
        "job_title": "",
        "organisation": "ccc",
        "email": "councillor.abbott@example.coventry.gov.uk",
    },
    {
        "key": "blundell",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Blundell",
        "display_name": "Councillor J Blundell",
        "aliases": ["Cllr J Blundell"],
        "job_title": "",
        "organisation": "ccc",
        "email": "j.blundell@example.coventry.gov.uk",
    },
    {
        # Also Chair of Cabinet (seed 004 L46, L79).
        "key": "duggins",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Duggins",
        "display_name": "Councillor G Duggins",
        "aliases": ["Councillor Duggins", "Cllr G Duggins"],
        "job_title": "",
        "organisation": "ccc",
        "email": "g.duggins@example.coventry.gov.uk",
    },
    {
        # Board champion for loneliness and social isolation (seed 004 L1776).
        "key": "mutton-m",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Mutton",
        "display_name": "Councillor M Mutton",
        "aliases": ["Cllr M Mutton"],
        "job_title": "",
        "organisation": "ccc",
        "email": "m.mutton@example.coventry.gov.uk",
    },
    {
        # Portfolio from seed 004 L280; Board champion for young people's mental health
        # (L1780).
        "key": "seaman",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Seaman",
        "display_name": "Councillor P Seaman",
        "aliases": ["Councillor Seaman", "Cllr P Seaman"],
        "job_title": "Cabinet Member for Children and Young People",
        "organisation": "ccc",
        "email": "p.seaman@example.coventry.gov.uk",
    },
    {
        # Board Member on 8 April 2019 only (not in the July 2019 membership line).
        "key": "taylor",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Taylor",
        "display_name": "Councillor Taylor",
        "aliases": ["Councillor Taylor"],
        "job_title": "",
        "organisation": "ccc",
        "email": "councillor.taylor@example.coventry.gov.uk",
    },
    {
        # Title also printed 'Director of Public Health & Well-being' and 'Director of
        # Public Health' (seed 004 L1853, L1875).
        "key": "gaulton",
        "honorific": "",
        "given_names": "Liz",
        "family_name": "Gaulton",
        "display_name": "Liz Gaulton",
        "aliases": ["L Gaulton"],
        "job_title": "Director of Public Health and Wellbeing",
        "organisation": "ccc",
        "email": "liz.gaulton@example.coventry.gov.uk",
    },
    {
        "key": "gilby",
        "honorific": "",
        "given_names": "Simon",
        "family_name": "Gilby",
        "display_name": "Simon Gilby",
        "aliases": ["S Gilby"],
        "job_title": "",
        "organisation": "cwpt",
        "email": "simon.gilby@example.org",
    },
    {
        "key": "green-a",
        "honorific": "",
        "given_names": "Andrea",
        "family_name": "Green",
        "display_name": "Andrea Green",
        "aliases": ["A Green"],
        "job_title": "",
        "organisation": "crccg",
        "email": "andrea.green@example.org",
    },
    {
        "key": "hardy",
        "honorific": "",
        "given_names": "Andy",
        "family_name": "Hardy",
        "display_name": "Andy Hardy",
        "aliases": ["A Hardy"],
        "job_title": "",
        "organisation": "uhcw",
        "email": "andy.hardy@example.org",
    },
    {
        "key": "light",
        "honorific": "",
        "given_names": "Ruth",
        "family_name": "Light",
        "display_name": "Ruth Light",
        "aliases": ["R Light"],
        "job_title": "",
        "organisation": "healthwatch",
        "email": "ruth.light@example.org",
    },
    {
        "key": "linnell",
        "honorific": "",
        "given_names": "Stuart",
        "family_name": "Linnell",
        "display_name": "Stuart Linnell",
        "aliases": ["S Linnell"],
        "job_title": "Chair of Healthwatch Coventry",
        "organisation": "healthwatch",
        "email": "stuart.linnell@example.org",
    },
    {
        # 'Chief Executive of Voluntary Action Coventry' (seed 000 L149).
        "key": "ogle",
        "honorific": "",
        "given_names": "Sue",
        "family_name": "Ogle",
        "display_name": "Sue Ogle",
        "aliases": ["S Ogle"],
        "job_title": "Chief Executive",
        "organisation": "vac",
        "email": "sue.ogle@example.org",
    },
    {
        # Chair of Coventry Multiple Complex Needs Board (seed 000 L65); 'the Police
        # Commander' (L2942).
        "key": "ohara",
        "honorific": "Chief Superintendent",
        "given_names": "Mike",
        "family_name": "O'Hara",
        "display_name": "Chief Superintendent Mike O'Hara",
        "aliases": ["Mike O'Hara", "M O'Hara", "Mike O'Hara, Chief Superintendent"],
        "job_title": "Police Commander",
        "organisation": "wmp",
        "email": "mike.ohara@example.org",
    },
    {
        # Deputy Chair; appointment for 2019/20 confirmed at 8 July 2019, item 4.
        "key": "raistrick",
        "honorific": "Dr",
        "given_names": "Sarah",
        "family_name": "Raistrick",
        "display_name": "Dr Sarah Raistrick",
        "aliases": ["S Raistrick"],
        "job_title": "",
        "organisation": "crccg",
        "email": "sarah.raistrick@example.org",
    },
    {
        "key": "daly",
        "honorific": "Professor",
        "given_names": "Guy",
        "family_name": "Daly",
        "display_name": "Professor Guy Daly",
        "aliases": ["G Daly"],
        "job_title": "",
        "organisation": "cov-uni",
        "email": "guy.daly@example.org",
    },
    {
        # Listed under Employees (People) on 8 April 2019 but a Board member in July
        # 2019.
        "key": "fahy",
        "honorific": "",
        "given_names": "Pete",
        "family_name": "Fahy",
        "display_name": "Pete Fahy",
        "aliases": ["P Fahy", "Peter Fahy"],
        "job_title": "Director of Adult Services",
        "organisation": "ccc",
        "email": "pete.fahy@example.coventry.gov.uk",
    },
    {
        # Initial and surname only (seed 000 L87); role and organisation not in seeds.
        "key": "grant",
        "honorific": "",
        "given_names": "",
        "family_name": "Grant",
        "display_name": "J Grant",
        "aliases": [],
        "job_title": "",
        "organisation": None,
        "email": "j.grant@example.org",
    },
    {
        # Full name and title from seed 004 L1780 (also printed 'Director of Children's
        # Service', L515).
        "key": "gregg",
        "honorific": "",
        "given_names": "John",
        "family_name": "Gregg",
        "display_name": "John Gregg",
        "aliases": ["J Gregg"],
        "job_title": "Director of Children's Services",
        "organisation": "ccc",
        "email": "john.gregg@example.coventry.gov.uk",
    },
    {
        # Initial and surname only (seed 000 L87); role and organisation not in seeds.
        "key": "meyer",
        "honorific": "",
        "given_names": "",
        "family_name": "Meyer",
        "display_name": "C Meyer",
        "aliases": [],
        "job_title": "",
        "organisation": None,
        "email": "c.meyer@example.org",
    },
    {
        # Printed 'Deputy Chief Executive (Place)' in the April 2019 apologies (seed 000
        # L135) [sic]; '(People)' in seed 004 L109.
        "key": "quinton",
        "honorific": "",
        "given_names": "Gail",
        "family_name": "Quinton",
        "display_name": "Gail Quinton",
        "aliases": ["G Quinton"],
        "job_title": "Deputy Chief Executive (People)",
        "organisation": "ccc",
        "email": "gail.quinton@example.coventry.gov.uk",
    },
    {
        # Initial and surname only (seed 000 L87); role and organisation not in seeds.
        "key": "stanton",
        "honorific": "",
        "given_names": "",
        "family_name": "Stanton",
        "display_name": "R Stanton",
        "aliases": [],
        "job_title": "",
        "organisation": None,
        "email": "r.stanton@example.org",
    },
    {
        # Spelt 'Bayat' in the attendance list (L120) and 'Bhayat' in minute 44 (L169).
        "key": "bayat",
        "honorific": "",
        "given_names": "Rashid",
        "family_name": "Bayat",
        "display_name": "Rashid Bayat",
        "aliases": ["Rashid Bhayat", "R Bayat"],
        "job_title": "Chief Executive Officer",
        "organisation": "pyf",
        "email": "rashid.bayat@example.org",
    },
    {
        # 'fulltime Transformation Director for the STP' (seed 000 L151).
        "key": "danter",
        "honorific": "",
        "given_names": "Rachael",
        "family_name": "Danter",
        "display_name": "Rachael Danter",
        "aliases": ["R Danter"],
        "job_title": "Programme Director",
        "organisation": "bhbcbv",
        "email": "rachael.danter@example.org",
    },
    {
        "key": "ham",
        "honorific": "Professor Sir",
        "given_names": "Chris",
        "family_name": "Ham",
        "display_name": "Professor Sir Chris Ham",
        "aliases": ["Chris Ham"],
        "job_title": (
            "Independent Chair, Coventry and Warwickshire Health and Care Partnership"
        ),
        "organisation": "bhbcbv",
        "email": "chris.ham@example.org",
    },
    {
        # HWB contact officer (seed 000 L85, L93). 'L Knight' under Employees (Place) on
        # 8 April 2019 is taken to be her (inferred).
        "key": "knight",
        "honorific": "",
        "given_names": "Liz",
        "family_name": "Knight",
        "display_name": "Liz Knight",
        "aliases": ["L Knight"],
        "inferred": {
            "aliases": (
                "'L Knight' under Employees (Place) on 8 April 2019 taken to be her"
            ),
        },
        "job_title": "",
        "organisation": "ccc",
        "email": "liz.knight@example.coventry.gov.uk",
    },
    {
        "key": "dawson",
        "honorific": "",
        "given_names": "Debbie",
        "family_name": "Dawson",
        "display_name": "Debbie Dawson",
        "aliases": ["D Dawson"],
        "job_title": "Policy and Partnerships Transformation Officer",
        "organisation": "ccc",
        "email": "debbie.dawson@example.coventry.gov.uk",
    },
    {
        # 'Si Chun Lam, Coventry Council' (seed 000 L239).
        "key": "lam",
        "honorific": "",
        "given_names": "Si Chun",
        "family_name": "Lam",
        "display_name": "Si Chun Lam",
        "aliases": ["S C Lam"],
        "job_title": "",
        "organisation": "ccc",
        "email": "si.chun.lam@example.coventry.gov.uk",
    },
    {
        "key": "nelson",
        "honorific": "",
        "given_names": "",
        "family_name": "Nelson",
        "display_name": "K Nelson",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "k.nelson@example.coventry.gov.uk",
    },
    {
        "key": "yardley",
        "honorific": "",
        "given_names": "Martin",
        "family_name": "Yardley",
        "display_name": "Martin Yardley",
        "aliases": ["M Yardley"],
        "job_title": "Deputy Chief Executive (Place)",
        "organisation": "ccc",
        "email": "martin.yardley@example.coventry.gov.uk",
    },
    {
        "key": "crawshaw",
        "honorific": "",
        "given_names": "Jim",
        "family_name": "Crawshaw",
        "display_name": "Jim Crawshaw",
        "aliases": ["J Crawshaw"],
        "job_title": "Head of Housing",
        "organisation": "ccc",
        "email": "jim.crawshaw@example.coventry.gov.uk",
    },
    {
        "key": "desouza",
        "honorific": "",
        "given_names": "Valerie",
        "family_name": "de Souza",
        "display_name": "Valerie de Souza",
        "aliases": ["Valerie De Souza"],
        "job_title": "Public Health Consultant",
        "organisation": "ccc",
        "email": "valerie.desouza@example.coventry.gov.uk",
    },
    {
        # Loneliness and social isolation executive group (seed 004 L1776).
        "key": "frossell",
        "honorific": "",
        "given_names": "Sue",
        "family_name": "Frossell",
        "display_name": "Sue Frossell",
        "aliases": [],
        "job_title": "Consultant Public Health",
        "organisation": "ccc",
        "email": "sue.frossell@example.coventry.gov.uk",
    },
    {
        # Loneliness and social isolation executive group (seed 004 L1776).
        "key": "wightman",
        "honorific": "",
        "given_names": "Clare",
        "family_name": "Wightman",
        "display_name": "Clare Wightman",
        "aliases": [],
        "job_title": "",
        "organisation": "grapevine",
        "email": "clare.wightman@example.org",
    },
    {
        # Author of the Youth Justice Plan report to Cabinet, 29 October 2019 (seed 004
        # L499).
        "key": "kell",
        "honorific": "",
        "given_names": "Georgina",
        "family_name": "Kell",
        "display_name": "Georgina Kell",
        "aliases": [],
        "job_title": "Service Manager, Youth Offending",
        "organisation": "ccc",
        "email": "georgina.kell@example.coventry.gov.uk",
    },
    {
        # Cabinet contact officer (seed 004 L42). 'L Knight' in the Cabinet attendance
        # of 8 October 2019 is taken to be her (inferred).
        "key": "knight-lara",
        "honorific": "",
        "given_names": "Lara",
        "family_name": "Knight",
        "display_name": "Lara Knight",
        "aliases": [],
        "job_title": "Governance Services Co-ordinator",
        "organisation": "ccc",
        "email": "lara.knight@example.coventry.gov.uk",
    },
    {
        # Deputy Chair of Cabinet; 'the Deputy Leader of the Council (Councillor AS
        # Khan)' (seed 004 L248).
        "key": "khan-as",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Khan",
        "display_name": "Councillor A S Khan",
        "aliases": ["Councillor A Khan", "Councillor AS Khan", "Cllr AS Khan"],
        "job_title": "Deputy Leader of the Council",
        "organisation": "ccc",
        "email": "a.s.khan@example.coventry.gov.uk",
    },
    {
        # Spelt 'Hetheron' in the agenda membership (seed 004 L48) and 'Hetherton' in
        # the minutes (L82).
        "key": "hetherton",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Hetherton",
        "display_name": "Councillor P Hetherton",
        "aliases": ["Councillor P Hetheron"],
        "job_title": "",
        "organisation": "ccc",
        "email": "p.hetherton@example.coventry.gov.uk",
    },
    {
        "key": "khan-t",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Khan",
        "display_name": "Councillor T Khan",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "t.khan@example.coventry.gov.uk",
    },
    {
        "key": "maton",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Maton",
        "display_name": "Councillor K Maton",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "k.maton@example.coventry.gov.uk",
    },
    {
        "key": "mutton-j",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Mutton",
        "display_name": "Councillor J Mutton",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "j.mutton@example.coventry.gov.uk",
    },
    {
        "key": "oboyle",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "O'Boyle",
        "display_name": "Councillor J O'Boyle",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "j.oboyle@example.coventry.gov.uk",
    },
    {
        "key": "akhtar-p",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Akhtar",
        "display_name": "Councillor P Akhtar",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "p.akhtar@example.coventry.gov.uk",
    },
    {
        "key": "ali-r",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Ali",
        "display_name": "Councillor R Ali",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "r.ali@example.coventry.gov.uk",
    },
    {
        "key": "gittins",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Gittins",
        "display_name": "Councillor B Gittins",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "b.gittins@example.coventry.gov.uk",
    },
    {
        "key": "lloyd",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Lloyd",
        "display_name": "Councillor G Lloyd",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "g.lloyd@example.coventry.gov.uk",
    },
    {
        "key": "welsh",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Welsh",
        "display_name": "Councillor D Welsh",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "d.welsh@example.coventry.gov.uk",
    },
    {
        "key": "andrews",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Andrews",
        "display_name": "Councillor A Andrews",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "a.andrews@example.coventry.gov.uk",
    },
    {
        "key": "ridley",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Ridley",
        "display_name": "Councillor G Ridley",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "g.ridley@example.coventry.gov.uk",
    },
    {
        "key": "akhtar-n",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Akhtar",
        "display_name": "Councillor N Akhtar",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "n.akhtar@example.coventry.gov.uk",
    },
    {
        "key": "brown-r",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Brown",
        "display_name": "Councillor R Brown",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "r.brown@example.coventry.gov.uk",
    },
    {
        "key": "clifford-j",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Clifford",
        "display_name": "Councillor J Clifford",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "j.clifford@example.coventry.gov.uk",
    },
    {
        "key": "lakha",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Lakha",
        "display_name": "Councillor R Lakha",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "r.lakha@example.coventry.gov.uk",
    },
    {
        "key": "mcnicholas",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "McNicholas",
        "display_name": "Councillor J McNicholas",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "j.mcnicholas@example.coventry.gov.uk",
    },
    {
        "key": "thomas-c",
        "honorific": "Councillor",
        "given_names": "",
        "family_name": "Thomas",
        "display_name": "Councillor C Thomas",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "c.thomas@example.coventry.gov.uk",
    },
    {
        "key": "reeves",
        "honorific": "",
        "given_names": "",
        "family_name": "Reeves",
        "display_name": "M Reeves",
        "aliases": [],
        "job_title": "Chief Executive",
        "organisation": "ccc",
        "email": "m.reeves@example.coventry.gov.uk",
    },
    {
        "key": "ashmore",
        "honorific": "",
        "given_names": "",
        "family_name": "Ashmore",
        "display_name": "D Ashmore",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "d.ashmore@example.coventry.gov.uk",
    },
    {
        "key": "errington",
        "honorific": "",
        "given_names": "",
        "family_name": "Errington",
        "display_name": "A Errington",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "a.errington@example.coventry.gov.uk",
    },
    {
        "key": "hart",
        "honorific": "",
        "given_names": "",
        "family_name": "Hart",
        "display_name": "N Hart",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "n.hart@example.coventry.gov.uk",
    },
    {
        "key": "ward",
        "honorific": "",
        "given_names": "",
        "family_name": "Ward",
        "display_name": "P Ward",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "p.ward@example.coventry.gov.uk",
    },
    {
        # Declared an interest at Cabinet, 8 October 2019, as a Director of the UK
        # Battery Industrialisation Centre Ltd (seed 004 L121).
        "key": "hastie",
        "honorific": "",
        "given_names": "",
        "family_name": "Hastie",
        "display_name": "B Hastie",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "b.hastie@example.coventry.gov.uk",
    },
    {
        "key": "hood",
        "honorific": "",
        "given_names": "",
        "family_name": "Hood",
        "display_name": "G Hood",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "g.hood@example.coventry.gov.uk",
    },
    {
        "key": "jennings",
        "honorific": "",
        "given_names": "",
        "family_name": "Jennings",
        "display_name": "P Jennings",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "p.jennings@example.coventry.gov.uk",
    },
    {
        # Declared an interest at Cabinet, 8 October 2019, as a Director of the UK
        # Battery Industrialisation Centre Ltd (seed 004 L121).
        "key": "moon",
        "honorific": "",
        "given_names": "",
        "family_name": "Moon",
        "display_name": "R Moon",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "r.moon@example.coventry.gov.uk",
    },
    {
        # Possibly Julie Newman, People Team Manager (seed 004 L522); not confirmed, so
        # no given name.
        "key": "newman",
        "honorific": "",
        "given_names": "",
        "family_name": "Newman",
        "display_name": "J Newman",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "j.newman@example.coventry.gov.uk",
    },
    {
        "key": "weir",
        "honorific": "",
        "given_names": "",
        "family_name": "Weir",
        "display_name": "S Weir",
        "aliases": [],
        "job_title": "",
        "organisation": "ccc",
        "email": "s.weir@example.coventry.gov.uk",
    },
]

# Bodies; agenda sections are data, in printed order.
BODIES = [
    {
        # Agenda sections in printed order (seed 000 L21-77).
        "key": "hwb",
        "name": "Coventry Health and Well-being Board",
        "short_name": "Health and Wellbeing Board",
        "kind": "board",
        "aliases": [
            "Coventry Health and Wellbeing Board",
            "Coventry Health & Wellbeing Board",
            "Health and Well-being Board",
            "HWBB",
            "H+WBB",
            "HWB",
        ],
        "meets_in_public": True,
        "parent": None,
        "sections": [
            {"name": "Public Business", "is_private": False},
            {"name": "Development Items", "is_private": False},
            {"name": "Delivery Items", "is_private": False},
            {"name": "Governance Items", "is_private": False},
            {"name": "Private Business", "is_private": True},
        ],
    },
    {
        # Sections as printed on the agenda of 29 October 2019 (seed 004 L19, L34).
        "key": "cabinet",
        "name": "Cabinet",
        "short_name": "Cabinet",
        "kind": "cabinet",
        "aliases": ["Coventry City Council Cabinet", "the Cabinet"],
        "meets_in_public": True,
        "parent": None,
        "sections": [
            {"name": "Public business", "is_private": False},
            {"name": "Private business", "is_private": True},
        ],
    },
    {
        # seed 000 L2693: 'the Coventry and Warwickshire Joint Health and Wellbeing
        # Board (the Place Forum)'; joint meeting of the two Health and Wellbeing
        # Boards.
        # inferred: meets_in_public is not stated in the seeds.
        "key": "place-forum",
        "name": "Coventry and Warwickshire Place Forum",
        "short_name": "Place Forum",
        "kind": "partnership",
        "aliases": [
            "Coventry and Warwickshire Joint Health and Wellbeing Board",
            "the Place Forum",
        ],
        "meets_in_public": True,
        "inferred": {"meets_in_public": "not stated in the seeds"},
        "parent": None,
        "sections": [],
    },
    {
        # Reports to the HWB (seed 000 L2942); its dissolution was proposed on 8 July
        # 2019 (item 10).
        # inferred: meets_in_public is not stated in the seeds.
        "key": "mcn-board",
        "name": "Coventry Multiple Complex Needs Board",
        "short_name": "MCN Board",
        "kind": "sub_board",
        "aliases": [
            "Multiple Complex Needs Board",
            "Multiple Complex Needs (MCN) Board",
        ],
        "meets_in_public": False,
        "inferred": {"meets_in_public": "not stated in the seeds"},
        "parent": "hwb",
        "sections": [],
    },
    {
        # 'The Marmot Partnership (previously Marmot Steering Group)' (seed 003 L118).
        # inferred: meets_in_public is not stated in the seeds.
        "key": "marmot-partnership",
        "name": "Marmot Partnership",
        "short_name": "Marmot Partnership",
        "kind": "partnership",
        "aliases": ["Marmot Steering Group"],
        "meets_in_public": False,
        "inferred": {"meets_in_public": "not stated in the seeds"},
        "parent": None,
        "sections": [],
    },
    {
        # Considered the draft strategy on 19 June 2019 (seed 004 L1727).
        "key": "scrutiny-board-5",
        "name": "Health and Social Care Scrutiny Board (5)",
        "short_name": "Scrutiny Board 5",
        "kind": "committee",
        "aliases": ["SB5", "Health and Social Care Scrutiny Board"],
        "meets_in_public": True,
        "parent": None,
        "sections": [],
    },
    {
        # seed 000 L623 names this committee for 19 June 2019; seed 004 names Scrutiny
        # Board (5) for the same date.
        "key": "scrutiny-coordination",
        "name": "Scrutiny Coordination Committee",
        "short_name": "Scrutiny Coordination Committee",
        "kind": "committee",
        "aliases": [],
        "meets_in_public": True,
        "parent": None,
        "sections": [],
    },
    {
        # Lead body for the 'working differently with our communities' priority (seed
        # 004 L1782).
        # inferred: meets_in_public is not stated in the seeds.
        "key": "one-coventry-partnership",
        "name": "One Coventry Partnership",
        "short_name": "One Coventry Partnership",
        "kind": "partnership",
        "aliases": ["People Partnership"],
        "meets_in_public": False,
        "inferred": {"meets_in_public": "not stated in the seeds"},
        "parent": None,
        "sections": [],
    },
    {
        # Reviewed the young people's mental health priority for the 2021 stocktake
        # (seed 001 L102).
        # inferred: meets_in_public is not stated in the seeds.
        "key": "cw-cyp-mhwb-board",
        "name": (
            "Coventry and Warwickshire Children and Young People Mental Health and "
            "Wellbeing Board"
        ),
        "short_name": "C&W CYP Mental Health and Wellbeing Board",
        "kind": "partnership",
        "aliases": [],
        "meets_in_public": False,
        "inferred": {"meets_in_public": "not stated in the seeds"},
        "parent": None,
        "sections": [],
    },
    {
        # Proposed in minute 44 as the 'Youth Violence Reduction Board'; 'the new
        # Coventry Youth Violence Partnership Board' / 'a new Serious Youth Violence
        # Board' in seed 004 L392, L1280.
        # inferred: meets_in_public is not stated in the seeds.
        "key": "youth-violence-board",
        "name": "Coventry Youth Violence Partnership Board",
        "short_name": "Youth Violence Board",
        "kind": "partnership",
        "aliases": [
            "Youth Violence Reduction Board",
            "Serious Youth Violence Board",
            "Youth Violence Board",
        ],
        "meets_in_public": False,
        "inferred": {"meets_in_public": "not stated in the seeds"},
        "parent": None,
        "sections": [],
    },
]

# What the seeds leave out of the memberships (inferred, see each group's comment):
# no appointment dates at all, and no voting rights for the 2019/20 board.
HWB_2018_19 = {
    "start": "the municipal year 2018/19 (1 May 2018)",
    "end": "the end of the municipal year 2018/19 (30 April 2019)",
}
HWB_FROM_APRIL_2019 = {
    "start": "8 April 2019, their 'first formal meeting of the Board' (minute 42)",
    "end": "the end of the municipal year 2018/19 (30 April 2019)",
}
HWB_UNTIL_APRIL_2019 = {
    "start": "the municipal year 2018/19 (1 May 2018)",
    "end": "8 April 2019: 'would no longer be representing NHS England' (minute 42)",
}
HWB_2019_20 = {
    "start": "the municipal year 2019/20 (1 May 2019)",
    "voting": "not stated in the seeds: every member shown as voting",
}
CABINET_2019_20 = {"start": "the municipal year 2019/20 (1 May 2019)"}

# HWB membership 2018/19 and 2019/20, and Cabinet membership 2019/20.
MEMBERSHIPS = [
    {
        # 2018/19 membership, from the 'Board Members' attendance of 8 April 2019 (plus
        # the two members who sent apologies).
        # inferred: start/end = municipal year 2018/19 (1 May 2018 - 30 April 2019); the
        # seeds give no appointment dates.
        "body": "hwb",
        "person": "abbott",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "caan",
        "role": "chair",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "duggins",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "seaman",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "taylor",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "gaulton",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "gilby",
        "role": "voting_member",
        "on_behalf_of": "cwpt",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "green-a",
        "role": "voting_member",
        "on_behalf_of": "crccg",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "hardy",
        "role": "voting_member",
        "on_behalf_of": "uhcw",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "light",
        "role": "voting_member",
        "on_behalf_of": "healthwatch",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        # inferred: start = 8 April 2019, their 'first formal meeting of the Board'
        # (minute 42).
        "body": "hwb",
        "person": "linnell",
        "role": "voting_member",
        "on_behalf_of": "healthwatch",
        "voting": True,
        "start": "2019-04-08",
        "end": "2019-04-30",
        "inferred": HWB_FROM_APRIL_2019,
    },
    {
        # inferred: start = 8 April 2019, their 'first formal meeting of the Board'
        # (minute 42).
        "body": "hwb",
        "person": "ogle",
        "role": "voting_member",
        "on_behalf_of": "vac",
        "voting": True,
        "start": "2019-04-08",
        "end": "2019-04-30",
        "inferred": HWB_FROM_APRIL_2019,
    },
    {
        "body": "hwb",
        "person": "ohara",
        "role": "voting_member",
        "on_behalf_of": "wmp",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "raistrick",
        "role": "deputy_chair",
        "on_behalf_of": "crccg",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "daly",
        "role": "voting_member",
        "on_behalf_of": "cov-uni",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        "body": "hwb",
        "person": "quinton",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-30",
        "inferred": HWB_2018_19,
    },
    {
        # Minute 42: Rachael Danter 'would no longer be representing NHS England on the
        # Board'. inferred: start and end dates.
        "body": "hwb",
        "person": "danter",
        "role": "voting_member",
        "on_behalf_of": "nhse",
        "voting": True,
        "start": "2018-05-01",
        "end": "2019-04-08",
        "inferred": HWB_UNTIL_APRIL_2019,
    },
    {
        # 2019/20 membership: the 21 names of the July 2019 membership line (seed 000
        # L87).
        # inferred: start = 1 May 2019 (municipal year 2019/20); voting rights are not
        # stated in the seeds, all members are shown as voting. on_behalf_of is None
        # where the seeds give no organisation.
        "body": "hwb",
        "person": "blundell",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "caan",
        "role": "chair",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "daly",
        "role": "voting_member",
        "on_behalf_of": "cov-uni",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "duggins",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "fahy",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "gaulton",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "gilby",
        "role": "voting_member",
        "on_behalf_of": "cwpt",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "grant",
        "role": "voting_member",
        "on_behalf_of": None,
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "green-a",
        "role": "voting_member",
        "on_behalf_of": "crccg",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "gregg",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "hardy",
        "role": "voting_member",
        "on_behalf_of": "uhcw",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "light",
        "role": "voting_member",
        "on_behalf_of": "healthwatch",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "linnell",
        "role": "voting_member",
        "on_behalf_of": "healthwatch",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "meyer",
        "role": "voting_member",
        "on_behalf_of": None,
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "mutton-m",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "ohara",
        "role": "voting_member",
        "on_behalf_of": "wmp",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "ogle",
        "role": "voting_member",
        "on_behalf_of": "vac",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "quinton",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        # Appointment as Deputy Chair for 2019/20 confirmed at 8 July 2019, item 4.
        "body": "hwb",
        "person": "raistrick",
        "role": "deputy_chair",
        "on_behalf_of": "crccg",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "seaman",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        "body": "hwb",
        "person": "stanton",
        "role": "voting_member",
        "on_behalf_of": None,
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": HWB_2019_20,
    },
    {
        # Cabinet 2019/20 from the agenda of 29 October 2019 (seed 004 L46-57).
        # inferred: start date.
        "body": "cabinet",
        "person": "duggins",
        "role": "chair",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "khan-as",
        "role": "deputy_chair",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "caan",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "hetherton",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "khan-t",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "maton",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "mutton-j",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "mutton-m",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "oboyle",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "seaman",
        "role": "voting_member",
        "on_behalf_of": "ccc",
        "voting": True,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        # 'Non-voting Deputy Cabinet Members' - no closer role in the choice list than
        # observer.
        "body": "cabinet",
        "person": "akhtar-p",
        "role": "observer",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "ali-r",
        "role": "observer",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "gittins",
        "role": "observer",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "lloyd",
        "role": "observer",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "welsh",
        "role": "observer",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        # 'By invitation: ... (non-voting Opposition representatives)'.
        "body": "cabinet",
        "person": "andrews",
        "role": "by_invitation",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
    {
        "body": "cabinet",
        "person": "ridley",
        "role": "by_invitation",
        "on_behalf_of": "ccc",
        "voting": False,
        "start": "2019-05-01",
        "end": None,
        "inferred": CABINET_2019_20,
    },
]

# Attendance status: present, apologies, substitute, absent; capacity: member,
# other_representative, officer.
MEETINGS = [
    {
        # Evidenced only by minute 41 of 8 April 2019: 'The minutes of the meeting held
        # on 14th January, 2019 were signed as a true record.'
        # inferred: time, venue, agenda dates and attendance are not in the seeds.
        "key": "hwb-2019-01-14",
        "body": "hwb",
        "start": "2019-01-14T14:00",
        "end": None,
        "venue": "",
        "status": "held",
        "agenda_status": "published",
        "agenda_published": None,
        "minutes_status": "approved",
        "contact_officer": None,
        "published_by": "",
        "attendance": [],
    },
    {
        # Minutes 40-53 (seed 000 L99-464). 'held at 2.00 pm'; '(Meeting closed at 4.00
        # pm)'.
        # The minutes give no venue and the agenda for this meeting is not in the seeds.
        # inferred: minutes_status 'approved' - they were put to the 8 July 2019 meeting
        # as item 3(a).
        # inferred: contact officer Liz Knight (the July contact officer, present as 'L
        # Knight').
        # From the pack: venue, time, closing time, attendance, publisher and
        # publication date. What follows is what the pack does not print.
        "key": "hwb-2019-04-08",
        "body": "hwb",
        "start": "2019-04-08T14:00",
        "status": "held",
        "agenda_status": "published",
        "minutes_status": "approved",
        "contact_officer": "knight",
        "imported": True,
    },
    {
        # Agenda front sheet: seed 000 L5-97. Held: seed 004 L1778 ('discussed at the
        # Board in July 2019').
        # Its minutes and attendance are not in the seeds. Contact numbers printed: 024
        # 7697 2644 and (024) 7683 3073.
        # From the pack: venue, time, closing time, attendance, publisher and
        # publication date. What follows is what the pack does not print.
        "key": "hwb-2019-07-08",
        "body": "hwb",
        "start": "2019-07-08T14:00",
        "status": "held",
        "agenda_status": "published",
        "minutes_status": "none",
        "contact_officer": "knight",
        "imported": True,
    },
    {
        # Evidenced by seed 004 L1731: 'the matter was considered by the Coventry Health
        # and Wellbeing Board at its meeting on 14th October 2019'.
        # inferred: the 2.00 pm start follows the Board's usual time; venue, agenda and
        # attendance are not in the seeds.
        "key": "hwb-2019-10-14",
        "body": "hwb",
        "start": "2019-10-14T14:00",
        "end": None,
        "venue": "",
        "status": "held",
        "agenda_status": "published",
        "agenda_published": None,
        "minutes_status": "none",
        "contact_officer": None,
        "published_by": "",
        "attendance": [],
    },
    {
        # Minutes 31-42 (seed 004 L73-268): 'held at 2.00 pm'; '(Meeting closed at 2.55
        # pm)'. No venue in the minutes.
        # inferred: minutes_status 'approved' - put for agreement to Cabinet on 29
        # October 2019, item 3(a).
        # The minutes themselves are not transcribed in MINUTES (only the HWB minutes of
        # 8 April 2019 are).
        # From the pack: venue, time, closing time, attendance, publisher and
        # publication date. What follows is what the pack does not print.
        "key": "cabinet-2019-10-08",
        "body": "cabinet",
        "start": "2019-10-08T14:00",
        "status": "held",
        "agenda_status": "published",
        "minutes_status": "approved",
        "contact_officer": None,
        "imported": True,
    },
    {
        # Agenda front sheet: seed 004 L5-71 (contacts Lara Knight / Michelle Salmon,
        # Governance Services).
        # inferred: status 'held' - the seeds contain only the agenda pack, not the
        # minutes.
        # From the pack: venue, time, closing time, attendance, publisher and
        # publication date. What follows is what the pack does not print.
        "key": "cabinet-2019-10-29",
        "body": "cabinet",
        "start": "2019-10-29T14:00",
        "status": "held",
        "agenda_status": "published",
        "minutes_status": "none",
        "contact_officer": "knight-lara",
        "imported": True,
    },
]

# What the packs do not print: the demo's reading of each agenda item against
# the King's Fund pillars and the strategy's priorities. Every value here is
# inferred (tagging is a judgement, not a transcription); the items themselves
# come from the packs through the importer.
ITEM_TAGS = [
    {
        # Pillars per seed-000 notes 8.2 (inferred).
        "meeting": "hwb-2019-07-08",
        "number": 6,
        "sub_letter": "",
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
    },
    {
        # inferred: the notes tag all four pillars; WD chosen as primary.
        "meeting": "hwb-2019-07-08",
        "number": 7,
        "sub_letter": "",
        "primary_pillar": "WD",
        "secondary_pillars": ["HB", "PC", "IC"],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
    },
    {
        "meeting": "hwb-2019-07-08",
        "number": 8,
        "sub_letter": "",
        "primary_pillar": "IC",
        "secondary_pillars": ["PC"],
        "priorities": [],
    },
    {
        "meeting": "hwb-2019-07-08",
        "number": 9,
        "sub_letter": "",
        "primary_pillar": "IC",
        "secondary_pillars": ["HB", "PC"],
        "priorities": [],
    },
    {
        "meeting": "hwb-2019-07-08",
        "number": 10,
        "sub_letter": "",
        "primary_pillar": "WD",
        "secondary_pillars": ["IC", "PC"],
        "priorities": [],
    },
    {
        # Priorities: seed 004 L1778 says the loneliness priority will build on these
        # proof of concept projects.
        "meeting": "hwb-2019-07-08",
        "number": 11,
        "sub_letter": "",
        "primary_pillar": "PC",
        "secondary_pillars": ["HB"],
        "priorities": ["2019-p1", "2019-p3"],
    },
    {
        "meeting": "cabinet-2019-10-29",
        "number": 5,
        "sub_letter": "",
        "primary_pillar": None,
        "secondary_pillars": [],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
    },
]

# The same for the minutes of 8 April 2019 (their text, resolutions and attendance
# come from the July pack through the importer). Every value here is inferred.
MINUTE_TAGS = [
    {
        # inferred: youth violence is taken up under young people's wellbeing (P2)
        "meeting": "hwb-2019-04-08",
        "number": 44,
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": ["2019-p2"],
    },
    {
        "meeting": "hwb-2019-04-08",
        "number": 45,
        "primary_pillar": "HB",
        "secondary_pillars": ["PC"],
        "priorities": [],
    },
    {
        # inferred: place-based JSNA profiles inform working with communities (P3)
        "meeting": "hwb-2019-04-08",
        "number": 46,
        "primary_pillar": "PC",
        "secondary_pillars": [],
        "priorities": ["2019-p3"],
    },
    {
        # inferred: the refresh this resolution endorses produced all three priorities
        "meeting": "hwb-2019-04-08",
        "number": 47,
        "primary_pillar": "WD",
        "secondary_pillars": ["HB", "PC", "IC"],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
    },
    {
        "meeting": "hwb-2019-04-08",
        "number": 48,
        "primary_pillar": "IC",
        "secondary_pillars": [],
        "priorities": [],
    },
    {
        "meeting": "hwb-2019-04-08",
        "number": 49,
        "primary_pillar": "IC",
        "secondary_pillars": ["HB", "PC"],
        "priorities": [],
    },
    {
        "meeting": "hwb-2019-04-08",
        "number": 50,
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
    },
    {
        "meeting": "hwb-2019-04-08",
        "number": 51,
        "primary_pillar": "IC",
        "secondary_pillars": [],
        "priorities": [],
    },
    {
        "meeting": "hwb-2019-04-08",
        "number": 52,
        "primary_pillar": "IC",
        "secondary_pillars": [],
        "priorities": [],
    },
]

# Actions from the April 2019 resolutions and minutes (seed-000 notes 5.1) and the July
# 2019 papers (5.2). Update narratives are verbatim from the later document cited.
# percent_complete values other than 0, 100 and 54 (7 of 13) are indicative, not from
# the seeds. Update author None = the document names no author.
ACTIONS = [
    {
        # inferred: the minute names only 'Officers'; owner set to the presenting
        # officer.
        # inferred: status 'done' from the later Youth Justice Plan (seed 004); the
        # Board's own follow-up is not in the seeds.
        "meeting": "hwb-2019-04-08",
        "minute": 44,
        "clause": "2",
        "title": "Give further consideration to youth violence governance arrangements",
        "description": (
            "Officers be requested to give further consideration to the governance "
            "arrangements, with particular reference to the Youth Violence Reduction "
            "Board."
        ),
        "owner_person": "ohara",
        "owner_organisation": "wmp",
        "due_date": None,
        "due_text": "",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "The Youth Justice Plan 2019-20 (Cabinet, 29 October 2019) refers to "
            "membership of 'the new Coventry Youth Violence Partnership Board' and to "
            "'a new Serious Youth Violence Board'."
        ),
        "provenance": {"closing_note": "seed 004 L392 and L1280"},
        "inferred": {
            "owner_person": (
                "the minute names only 'Officers'; set to the presenting officer"
            ),
            "status": (
                "'done' from the later Youth Justice Plan (seed 004); the Board's own "
                "follow-up is not in the seeds"
            ),
        },
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-10-21",
                "author": "kell",
                "status": "done",
                "percent": 100,
                "narrative": (
                    "Membership of strategic groups such as the new Coventry Youth "
                    "Violence Partnership Board"
                ),
            },
        ],
    },
    {
        # inferred: owner = the presenting officer's force (the clause names no one,
        # so no person); due date = end of the 2019/20 financial year, chosen for
        # 'as appropriate'.
        "meeting": "hwb-2019-04-08",
        "minute": 44,
        "clause": "3",
        "title": "Bring further reports on young people and violence to the Board",
        "description": (
            "Further reports be submitted to future meetings of the Board as "
            "appropriate."
        ),
        "owner_person": None,
        "owner_organisation": "wmp",
        "due_date": "2020-03-31",
        "due_text": "as appropriate",
        "status": "not_started",
        "percent_complete": 0,
        "closing_note": "",
        "inferred": {
            "owner_organisation": (
                "the presenting officer's force; the clause names no one, so the "
                "action names no person"
            ),
            "due_date": "the end of the 2019/20 financial year, for 'as appropriate'",
        },
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "knight",
                "status": "not_started",
                "percent": 0,
                "narrative": (
                    "Not on the agenda for the meeting of 8 July 2019 (agenda "
                    "published 28 June 2019)."
                ),
            },
        ],
    },
    {
        # From the narrative of minute 44 (no resolution clause). inferred: owner and
        # percentage.
        "meeting": "hwb-2019-04-08",
        "minute": 44,
        "clause": None,
        "title": "Develop a City Strategy on Youth Violence",
        "description": (
            "The presentation concluded with the proposed partnership next steps "
            "which included the development of a City Strategy on Youth Violence with "
            "a public health approach throughout."
        ),
        "owner_person": "ohara",
        "owner_organisation": "wmp",
        "due_date": None,
        "due_text": "",
        "status": "on_track",
        "percent_complete": 25,
        "closing_note": "",
        "inferred": {
            "owner_person": "the presenting officer; the minute names no owner",
            "percent_complete": "indicative; not stated in the seeds",
        },
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-10-21",
                "author": "kell",
                "status": "on_track",
                "percent": 25,
                "narrative": (
                    "There is local ambition and activity to develop a public health "
                    "response to youth violence and work has commenced to identify "
                    "and agree a local strategy and action plan."
                ),
            },
        ],
    },
    {
        # Ask from the narrative, implementing clause (2). 'The public health team would
        # provide the organisational support.'
        # No progress evidence in the seeds (status left at not_started).
        "meeting": "hwb-2019-04-08",
        "minute": 45,
        "clause": "2",
        "title": "Draw up the Physical Activity Framework delivery plan",
        "description": (
            "It was proposed that a delivery plan would be drawn up during 2019 that "
            "identified where existing programmes were being implemented and owned, "
            "and that a task and finish approach was taken to developing actions with "
            "partners to address key gaps."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-12-31",
        "due_text": "during 2019",
        "status": "not_started",
        "percent_complete": 0,
        "closing_note": "",
        "primary_pillar": "HB",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [],
    },
    {
        "meeting": "hwb-2019-04-08",
        "minute": 46,
        "clause": None,
        "title": "Publish the JSNA City-wide profile",
        "description": (
            "It was anticipated that a final draft of the City-wide profile would be "
            "available by mid-May, with profiles for Foleshill and Moat following "
            "shortly after."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-05-15",
        "due_text": "by mid-May",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "The Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019) was "
            "published and attached to the 8 July 2019 strategy report (item 7, "
            "appendix 1)."
        ),
        "primary_pillar": "PC",
        "secondary_pillars": [],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "dawson",
                "status": "done",
                "percent": 100,
                "narrative": (
                    "The full citywide profile has now been published, and was a key "
                    "source of evidence to inform the draft Health and Wellbeing "
                    "Strategy."
                ),
            },
        ],
    },
    {
        # inferred: due date = end of summer 2019 (draft strategy L2354); percentage
        # indicative.
        "meeting": "hwb-2019-04-08",
        "minute": 46,
        "clause": None,
        "title": "Produce the Foleshill and Moat locality profiles",
        "description": (
            "It was anticipated that a final draft of the City-wide profile would be "
            "available by mid-May, with profiles for Foleshill and Moat following "
            "shortly after."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-08-31",
        "due_text": "shortly after (mid-May); 'will be published summer 2019'",
        "status": "on_track",
        "percent_complete": 50,
        "closing_note": "",
        "inferred": {
            "due_date": "the end of summer 2019 (draft strategy, seed 000 L2354)",
            "percent_complete": "indicative; not stated in the seeds",
        },
        "primary_pillar": "PC",
        "secondary_pillars": [],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "dawson",
                "status": "on_track",
                "percent": 50,
                "narrative": (
                    "Pilot place-based JSNAs have been undertaken in the Moat and "
                    "Families for All (Foleshill) Family Hub areas, and these "
                    "locality profiles will be shared with the Board when finalised."
                ),
            },
        ],
    },
    {
        "meeting": "hwb-2019-04-08",
        "minute": 47,
        "clause": None,
        "title": "Bring the final draft Strategy to the Board",
        "description": (
            "The Board noted the intention to bring a final draft of the Strategy in "
            "June/July for consideration and endorsement, with approval and "
            "publication taking place in the autumn."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-07-08",
        "due_text": "June/July",
        "status": "done",
        "percent_complete": 100,
        "closing_note": "Draft strategy considered at the 8 July 2019 meeting, item 7.",
        "primary_pillar": "WD",
        "secondary_pillars": ["HB", "PC", "IC"],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "dawson",
                "status": "done",
                "percent": 100,
                "narrative": (
                    "The draft Strategy is now presented to the Board for "
                    "consideration and endorsement, enabling further development of "
                    "plans for implementation over the summer and the approval and "
                    "publication of the final Strategy in the autumn."
                ),
            },
        ],
    },
    {
        # inferred: owner = report author; percentage indicative.
        "meeting": "hwb-2019-04-08",
        "minute": 49,
        "clause": "2",
        "title": "Review the Place Forum Outcomes Framework indicators",
        "description": (
            "The use of the Place Forum Outcomes Framework for oversight of "
            "performance across the system and to mobilise action by partners to "
            "address identified challenges be endorsed, noting the intention to "
            "review the indicators."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": None,
        "due_text": "",
        "status": "on_track",
        "percent_complete": 50,
        "closing_note": "",
        "inferred": {
            "owner_person": "the report author",
            "percent_complete": "indicative; not stated in the seeds",
        },
        "primary_pillar": "IC",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "dawson",
                "status": "on_track",
                "percent": 50,
                "narrative": (
                    "Further develop the outcome framework as part of the Strategic "
                    "Framework, for oversight of performance across the system and to "
                    "mobilise action by partners to address identified challenges."
                ),
            },
        ],
    },
    {
        # inferred: report-back expectation (seed-000 notes 5.1); the due date is the
        # next Board meeting.
        "meeting": "hwb-2019-04-08",
        "minute": 49,
        "clause": "3",
        "title": "Report back on the Place Forum of 11 June 2019",
        "description": (
            "The outline agenda items for the Place Forum on 11th June be noted."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-07-08",
        "due_text": "",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Outcomes of the Place Forum of 11 June 2019 reported at the 8 July 2019 "
            "meeting, item 9."
        ),
        "inferred": {
            "": "a report-back expectation (seed-000 notes 5.1), not a resolution",
            "due_date": "the next Board meeting",
        },
        "primary_pillar": "IC",
        "secondary_pillars": ["HB", "PC"],
        "priorities": [],
        "updates": [],
    },
    {
        # inferred: owner = Head of Housing, who presented the follow-up item.
        "meeting": "hwb-2019-04-08",
        "minute": 50,
        "clause": "2",
        "title": (
            "Consider Housing and Homelessness priorities at a future Board meeting"
        ),
        "description": (
            "The overlap and synergies between Housing and Homelessness priorities "
            "and the work of the Board be considered at a future Board meeting."
        ),
        "owner_person": "crawshaw",
        "owner_organisation": "ccc",
        "due_date": "2019-07-08",
        "due_text": "a future Board meeting",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Considered at the 8 July 2019 meeting, item 6 (Housing and Homelessness "
            "One Coventry Approach)."
        ),
        "inferred": {
            "owner_person": "the Head of Housing, who presented the follow-up item",
        },
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "crawshaw",
                "status": "done",
                "percent": 100,
                "narrative": (
                    "This paper provides background information about the Housing and "
                    "Homelessness item and outlines the recommendations for that item."
                ),
            },
        ],
    },
    {
        # inferred: due date 1 December 2019 for 'by Winter 2019'; percentage
        # indicative.
        "meeting": "hwb-2019-04-08",
        "minute": 50,
        "clause": None,
        "title": "Create a Rough Sleeping Strategy",
        "description": (
            "The Council was also required to create a Rough Sleeping Strategy by "
            "Winter 2019, providing a further opportunity for partnership working."
        ),
        "owner_person": "crawshaw",
        "owner_organisation": "ccc",
        "due_date": "2019-12-01",
        "due_text": "by Winter 2019",
        "status": "on_track",
        "percent_complete": 25,
        "closing_note": "",
        "inferred": {
            "due_date": "1 December 2019 for 'by Winter 2019'",
            "percent_complete": "indicative; not stated in the seeds",
        },
        "primary_pillar": "WD",
        "secondary_pillars": ["PC"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "crawshaw",
                "status": "on_track",
                "percent": 25,
                "narrative": (
                    "At the same time the need to develop a Rough Sleeping strategy "
                    "by winter 2019 provides an opportunity to work with partners on "
                    "a key issue facing the city."
                ),
            },
        ],
    },
    {
        # Inline resolution (clause label '').
        # inferred: owner = report author; owners are 'Health and Social Care partners'.
        # No progress evidence in the seeds.
        "meeting": "hwb-2019-04-08",
        "minute": 51,
        "clause": "",
        "title": (
            "Adopt the 'I' Statements as a benchmark when commissioning for older "
            "people"
        ),
        "description": (
            "the adoption of the 'I' Statements by Health and Social Care partners to "
            "form a benchmark for improvement when commissioning or recommissioning "
            "health and social services for older people be endorsed."
        ),
        "owner_person": "green-a",
        "owner_organisation": "crccg",
        "due_date": None,
        "due_text": "",
        "status": "not_started",
        "percent_complete": 0,
        "closing_note": "",
        "inferred": {
            "owner_person": (
                "the report author; the minute's owners are 'Health and Social Care "
                "partners'"
            ),
        },
        "primary_pillar": "IC",
        "secondary_pillars": [],
        "priorities": [],
        "updates": [],
    },
    {
        "meeting": "hwb-2019-04-08",
        "minute": 52,
        "clause": "3",
        "title": (
            "Take forward outstanding CQC improvement actions through existing work "
            "streams"
        ),
        "description": (
            "The completion of the improvement plan and the outlined arrangements for "
            "taking forward outstanding actions be approved."
        ),
        "owner_person": "fahy",
        "owner_organisation": "ccc",
        "due_date": "2019-04-08",
        "due_text": "",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Improvement plan closed at this meeting; outstanding actions to be taken "
            "forward and monitored through other mechanisms, with no new governance "
            "set up for monitoring purposes."
        ),
        "primary_pillar": "IC",
        "secondary_pillars": [],
        "priorities": [],
        "updates": [],
    },
    {
        # Item 7, next steps table (seed 000 L673-676).
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Mobilise the Strategy and design the final version",
        "description": "Mobilisation, action planning and design of final Strategy",
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-09-30",
        "due_text": "July - September",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Mobilisation reported in the Cabinet report of 29 October 2019, with "
            "Board champions named for each priority."
        ),
        "primary_pillar": "WD",
        "secondary_pillars": ["HB", "PC", "IC"],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
        "updates": [
            {
                "date": "2019-10-21",
                "author": "gaulton",
                "status": "done",
                "percent": 100,
                "narrative": (
                    "Since the last meeting of the Board in July, work has been "
                    "undertaken to mobilise the Strategy and in particular to "
                    "progress the short term priorities identified."
                ),
            },
        ],
    },
    {
        # Item 7, next steps table. Also the intention noted in minute 47 ('approval and
        # publication taking place in the autumn').
        # inferred: 'done' - the Cabinet and CCG decisions are not in the seeds; the
        # 2021 update has no named author (author None).
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Approve and adopt the final Health and Wellbeing Strategy",
        "description": (
            "Final Health and Wellbeing Strategy approved by HWBB and adopted by CCC "
            "Cabinet and Coventry and Rugby CCG"
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2019-12-31",
        "due_text": "October - December",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Considered by the Board on 14 October 2019 and put to Cabinet for "
            "approval on 29 October 2019; the September 2021 stocktake refers to 'The "
            "existing Health and Wellbeing Strategy 2019-23'."
        ),
        "provenance": {"closing_note": "seed 004 L1731 (14 October); seed 001"},
        "inferred": {
            "status": "'done': the Cabinet and CCG decisions are not in the seeds",
        },
        "primary_pillar": "WD",
        "secondary_pillars": ["HB", "PC", "IC"],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
        "updates": [
            {
                "date": "2019-10-21",
                "author": "gaulton",
                "status": "on_track",
                "percent": 80,
                "narrative": (
                    "No – Although this report has not been considered elsewhere, the "
                    "matter was considered by the Coventry Health and Wellbeing Board "
                    "at its meeting on 14th October 2019."
                ),
            },
            {
                "date": "2021-09-01",
                "author": None,
                "status": "done",
                "percent": 100,
                "narrative": (
                    "The existing Health and Wellbeing Strategy 2019-23 identified "
                    "three short term priorities"
                ),
            },
        ],
    },
    {
        # Item 7, section 9. inferred: 'off_track' - the October papers attach only Part
        # 1 (seed 004 L1839).
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Complete Part 2 of the Equality and Consultation Analysis",
        "description": (
            "Part 2 will be completed when the final strategy is presented to Board "
            "in October."
        ),
        "owner_person": "dawson",
        "owner_organisation": "ccc",
        "due_date": "2019-10-14",
        "due_text": "in October",
        "status": "off_track",
        "percent_complete": 0,
        "closing_note": "",
        "inferred": {
            "status": (
                "'off_track': the October papers attach only Part 1 (seed 004 L1839)"
            ),
        },
        "primary_pillar": "WD",
        "secondary_pillars": [],
        "priorities": [],
        "updates": [
            {
                "date": "2019-10-21",
                "author": "gaulton",
                "status": "off_track",
                "percent": 0,
                "narrative": (
                    "Part 1 of the Equality and Consultation Analysis has been "
                    "completed and is attached at appendix 3."
                ),
            },
        ],
    },
    {
        # Draft strategy section 8 (seed 000 L2379). inferred: owner.
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Identify a senior sponsor for each area of focus",
        "description": (
            "For each area of focus a senior sponsor will be identified from the "
            "Health and Wellbeing Board, and a task group will be formed to progress "
            "activity."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": None,
        "due_text": "",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Board champions named for each priority in the Cabinet report of 29 "
            "October 2019."
        ),
        "provenance": {"closing_note": "seed 004 L1776-1782"},
        "inferred": {"owner_person": "the draft strategy names no owner"},
        "primary_pillar": "PC",
        "secondary_pillars": [],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
        "updates": [
            {
                "date": "2019-10-21",
                "author": "gaulton",
                "status": "done",
                "percent": 100,
                "narrative": (
                    "Loneliness and social isolation – Board champions have been "
                    "identified to lead this work."
                ),
            },
        ],
    },
    {
        # Draft strategy section 8 (seed 000 L2365). The 2021 and 2023 updates have no
        # named author.
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Develop the strategy performance dashboard",
        "description": (
            "The direction of travel indicators will be developed into a performance "
            "dashboard for the Board and the Board will receive an annual performance "
            "report on progress."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": None,
        "due_text": "",
        "status": "off_track",
        "percent_complete": 0,
        "closing_note": "",
        "primary_pillar": "WD",
        "secondary_pillars": ["HB", "PC", "IC"],
        "priorities": [],
        "updates": [
            {
                "date": "2021-09-01",
                "author": None,
                "status": "off_track",
                "percent": 0,
                "narrative": (
                    "over the last 18 months, the Strategy was not specific about the "
                    "measurable outcomes it aimed to deliver and, due to the Covid-19 "
                    "pandemic, work on developing a performance framework to monitor "
                    "outcomes and impact has been delayed."
                ),
            },
            {
                "date": "2023-03-01",
                "author": None,
                "status": "off_track",
                "percent": 0,
                "narrative": (
                    "we are committed to developing a new performance framework that "
                    "shaped by the core pillars within the population health "
                    "framework and ties into the Coventry & Warwickshire Strategy & "
                    "the One Coventry performance framework."
                ),
            },
        ],
    },
    {
        # inferred: due date = 18 months after the Cabinet date of 29 October 2019;
        # owner.
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Review the areas of focus after 12-18 months",
        "description": (
            "The intention is to evaluate the overall impact made and review these "
            "areas of focus after 12-18 months."
        ),
        "owner_person": "gaulton",
        "owner_organisation": "ccc",
        "due_date": "2021-04-29",
        "due_text": "after 12-18 months",
        "status": "done",
        "percent_complete": 100,
        "closing_note": (
            "Stocktake of progress, September 2021, then the Autumn 2021 review that "
            "informed the 2023 refresh."
        ),
        "provenance": {"closing_note": "seed 001; seed 003 L246"},
        "inferred": {
            "due_date": "18 months after the Cabinet date of 29 October 2019",
            "owner_person": "the draft strategy names no owner",
        },
        "primary_pillar": "WD",
        "secondary_pillars": [],
        "priorities": ["2019-p1", "2019-p2", "2019-p3"],
        "updates": [
            {
                "date": "2021-09-01",
                "author": None,
                "status": "done",
                "percent": 100,
                "narrative": (
                    "This paper provides a light touch stocktake of key outcomes for "
                    "each of the three priorities, as well as wider lessons learnt "
                    "about the format and implementation of the Strategy within an "
                    "evolving health and social care context."
                ),
            },
        ],
    },
    {
        # Item 9, section 6.2 'Partners are asked to:' - owner is every partner
        # organisation. 54% = 7 of 13.
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": "Register for the Thrive at Work accreditation programme",
        "description": (
            "Register for the Thrive at Work workplace wellbeing accreditation "
            "programme;"
        ),
        "owner_person": None,
        "owner_organisation": None,
        "due_date": None,
        "due_text": "",
        "status": "on_track",
        "percent_complete": 54,
        "closing_note": "",
        "primary_pillar": "HB",
        "secondary_pillars": ["WD"],
        "priorities": [],
        "updates": [
            {
                "date": "2019-06-28",
                "author": "dawson",
                "status": "on_track",
                "percent": 54,
                "narrative": (
                    "Of the 13 bodies comprising Coventry Health and Wellbeing Board, "
                    "7 have to date signed up to Thrive."
                ),
            },
        ],
    },
    {
        # Item 11, recommendation 2.2 - addressed to individual board members. No
        # progress evidence in the seeds.
        "meeting": "hwb-2019-07-08",
        "minute": None,
        "clause": None,
        "title": (
            "Review each organisation's relationship with the voluntary and community "
            "sector"
        ),
        "description": (
            "That individual board members consider their organisation's current "
            "relationship with the community and voluntary sector and how this might "
            "become more collaborative to unlock the support required to meaningfully "
            "embed prevention at scale"
        ),
        "owner_person": None,
        "owner_organisation": None,
        "due_date": None,
        "due_text": "",
        "status": "not_started",
        "percent_complete": 0,
        "closing_note": "",
        "primary_pillar": "PC",
        "secondary_pillars": [],
        "priorities": ["2019-p3"],
        "updates": [],
    },
]

# Nominated leads: the people an organisation names to update its actions and to
# receive the reminders of those that name no person. Not in the seeds: a demo
# fixture, so that the `lead` login can try "My organisation's actions".
ORGANISATION_LEADS = [
    {
        "organisation": "wmp",
        "person": "ohara",
        "since": "2019-04-08",
        "inferred": (
            "not in the seeds: a demo fixture naming the Police Commander as "
            "West Midlands Police's lead for the Board's actions"
        ),
    },
]

# The King's Fund population health framework and its four pillars.
FRAMEWORKS = [
    {
        # Pillar names: final strategy wording (seed 004 L2054-2057). Descriptions:
        # draft strategy (seed 000 L2280-2291), verbatim. The 2019 texts call them
        # 'components'; 2021/2023 texts say 'pillars' and once 'quadrant' (seed 003
        # L174).
        # Aliases: every label variant found in the seeds, plus the King's Fund's own
        # labels (general knowledge).
        "key": "kings-fund",
        "name": "The King's Fund population health framework",
        "description": (
            "The Kings Fund model of population health aims to improve the health of "
            "a population through improving the physical and mental health outcomes "
            "and wellbeing of people within and across a defined local, regional or "
            "national population, while reducing health inequalities."
        ),
        "source": (
            "The King's Fund, 'A vision for population health: Towards a healthier "
            "future' (2018), cited in the 2023 refresh. Adopted by the Board on 8 "
            "April 2019."
        ),
        "provenance": {"source": "seed 003 L30 (the citation); seed 004 L1748"},
        "pillars": [
            {
                "code": "WD",
                "name": "The wider determinants of health",
                "short_name": "Wider determinants",
                "description": (
                    "embedding the Marmot City approach by working in partnership "
                    "across different services and organisations to tackle health "
                    "inequalities through addressing the social determinants of "
                    "health such as income and wealth, education, housing, transport, "
                    "environment and leisure; to break the link between poverty and "
                    "poor health"
                ),
                "aliases": [
                    "Wider determinants",
                    "wider determinants of health",
                    "the wider determinants of health",
                    "wider socio-economic determinants of health",
                    "The 'Marmot' component of the public health framework",
                    "Marmot component",
                    "wider determinants pillar",
                    "wider determinants quadrant",
                    "wider determinants component",
                ],
            },
            {
                "code": "HB",
                "name": "Our health behaviours and lifestyles",
                "short_name": "Health behaviours and lifestyles",
                "description": (
                    "aligning and coordinating prevention programmes across the "
                    "system to maximise impact and tackle barriers to healthy "
                    "lifestyle, including around mental wellbeing, diet, exercise, "
                    "smoking and drugs and alcohol"
                ),
                "aliases": [
                    "Our health behaviours and lifestyles",
                    "our health behaviours and lifestyle",
                    "our health behaviors and lifestyle",
                    "our health behaviors and lifestyles",
                    "health behaviours and lifestyles",
                    "health behaviours & lifestyles",
                    "our health behaviours & lifestyles",
                    "health behaviours",
                    "health behaviors",
                    "our lifestyles and health behaviours",
                    "our behaviours and lifestyles",
                    "health behaviours pillar",
                    "health behaviours quadrant",
                ],
            },
            {
                "code": "PC",
                "name": "The places and communities we live in and with",
                "short_name": "Places and communities",
                "description": (
                    "working together in our places and with our communities to "
                    "mobilise solutions for improved health and wellbeing, informed "
                    "by our understanding of local needs and assets from our "
                    "place-based JSNAs"
                ),
                "aliases": [
                    "the places and communities we live in and with",
                    "the places and communities we live in, and with",
                    "the places & communities we live in & with",
                    "places & communities we live in & with",
                    "the places and communities we live in",
                    "places and communities",
                    "places & communities",
                    "places and communities pillar",
                    "places and communities quadrant",
                ],
            },
            {
                "code": "IC",
                "name": "An integrated health and care system",
                "short_name": "Integrated health and care",
                "description": (
                    "health and social care commissioners and providers working "
                    "together in a joined-up way to commission and deliver seamless "
                    "local services in Coventry"
                ),
                "aliases": [
                    "integrated health and care system",
                    "an integrated health & care system",
                    "integrated health & care system",
                    "integrated health and care",
                    "integrated health & care",
                    "'integrated health and care system' quadrant",
                    "integrated health and care system quadrant",
                    "integrated health and care pillar",
                ],
            },
        ],
    },
    {
        # Not in the seeds, which name only the "Marmot City approach" (seed 000
        # L2280). General knowledge: the eight principles of Build Back Fairer
        # (Institute of Health Equity, 2020). Loaded as data to show a second
        # framework; an officer can add or change one at /strategy/frameworks/.
        "key": "marmot",
        "name": "Marmot's eight principles",
        "description": (
            "The eight policy principles for reducing health inequalities from "
            "'Build Back Fairer: The COVID-19 Marmot Review', adopted by Marmot "
            "places such as Coventry."
        ),
        "source": "Institute of Health Equity, Build Back Fairer (2020).",
        "pillars": [
            {"code": "M1", "name": "Give every child the best start in life"},
            {
                "code": "M2",
                "name": (
                    "Enable all children, young people and adults to maximise "
                    "their capabilities and have control over their lives"
                ),
            },
            {"code": "M3", "name": "Create fair employment and good work for all"},
            {"code": "M4", "name": "Ensure a healthy standard of living for all"},
            {
                "code": "M5",
                "name": (
                    "Create and develop healthy and sustainable places and communities"
                ),
            },
            {
                "code": "M6",
                "name": "Strengthen the role and impact of ill health prevention",
            },
            {"code": "M7", "name": "Tackle racism, discrimination and their outcomes"},
            {
                "code": "M8",
                "name": (
                    "Pursue environmental sustainability and health equity together"
                ),
            },
        ],
    },
]

# No seed ties a priority to a pillar (seed-001-003 notes 1.6): every priority's
# pillar tags are inferred.
PRIORITY_PILLARS = {
    "pillars": "the seeds tie no priority to a pillar (seed-001-003 notes 1.6)"
}

# The strategy and its three versions: 2019 original, 2021 stocktake, 2023 refresh.
STRATEGY = {
    "name": "Coventry Joint Health and Wellbeing Strategy",
    "slug": "coventry-jhws",
    "versions": [
        {
            # Final text as put to Cabinet on 29 October 2019 (seed 004 L1880-2209); the
            # 8 July 2019 draft (seed 000 L2186-2423) differs only in wording (e.g.
            # 'Wider determinants', 'Young people's mental health', 'one in ten').
            # inferred: published = the Cabinet date; the Cabinet decision itself is not
            # in the seeds.
            # vision: the strategy has no headed vision; this is its own 'long-term
            # vision for change' sentence.
            # Ambitions carry two extra keys: 'kpis' (verbatim direction-of-travel KPI
            # names, no values or targets in the seed) and 'indicators' (INDICATORS keys
            # that carry seed values).
            "key": "2019",
            "label": "Coventry Health and Wellbeing Strategy 2019-2023",
            "kind": "original",
            "period_start": "2019-01-01",
            "period_end": "2023-12-31",
            "published": "2019-10-29",
            # The 2023 refresh took over from it, keeping and intensifying its
            # priorities (seed-001-003 notes 1.4; no new end date is stated).
            "successor": "2023",
            "inferred": {
                "published": (
                    "the Cabinet date; the Cabinet decision itself is not in the seeds"
                ),
                "successor": "the refresh names no date it took effect: its "
                "publication is taken",
            },
            "vision": (
                "We are proposing three strategic ambitions for the health and "
                "wellbeing of our residents which together encompass our long-term "
                "vision for change for health and wellbeing in Coventry."
            ),
            "principles": [
                (
                    "Prioritising prevention: we will tackle the causes of "
                    "health-related problems to reduce the impact of ill-health on "
                    "people's lives, their families and communities. We will seek to "
                    "address the root causes of problems, listening to local people's "
                    "priorities and acting on their concerns."
                ),
                (
                    "Strengthening communities: we will support strong and stable "
                    "communities. We will listen to residents to understand what they "
                    "want from the services we provide and encourage them, to lead "
                    "change themselves where possible."
                ),
                (
                    "Co-ordinating services: we will work together to design services "
                    "which take account of the complexity of people's lives and their "
                    "overlapping health and social needs. We will focus on the best "
                    "way to achieve good outcomes for people, reducing the number of "
                    "interactions people have with our services and avoiding multiple "
                    "interventions from different providers."
                ),
                (
                    "Sharing responsibility: we value the distinct contributions of "
                    "all organisations that are represented on the Health and "
                    "Wellbeing Board. We will maintain partnerships between the "
                    "public sector, voluntary and community sector, local businesses "
                    "and residents, recognising that we share a responsibility to "
                    "transform the health and wellbeing of our communities. We will "
                    "pool resources, budgets and accountabilities where it will "
                    "improve services for the public."
                ),
            ],
            "ambitions": [
                {
                    "number": 1,
                    "title": "People are healthier and independent for longer",
                    "description": (
                        "By this we mean promoting healthy lifestyles and behaviours "
                        "to help people stay healthy and well and prevent limiting "
                        "long-term health conditions. This also means, where people "
                        "have existing health problems, preventing these from "
                        "escalating to the point where they require significant, "
                        "complex and specialist health and care interventions. It "
                        "means helping people to age well, with health and social "
                        "care working together to prevent long term health conditions "
                        "and slow the development of older people's frailty. The "
                        "focus is on empowering people to take action to improve "
                        "health and wellbeing for themselves and others (our Year of "
                        "Wellbeing vision) and providing effective, timely and "
                        "appropriate support where it is needed."
                    ),
                    "kpis": [
                        "Healthy life expectancy",
                        "Physically active adults",
                        "Screening and immunisations take-up",
                        "Emergency readmissions",
                        "Dementia diagnosis",
                        "Premature mortality / morbidity (years lived with disease)",
                    ],
                    "indicators": [
                        "hle",
                        "le",
                        "physically-active-adults",
                        "adult-smoking",
                        "smoking-attributable-deaths",
                    ],
                },
                {
                    "number": 2,
                    "title": "Children and young people fulfil their potential",
                    "description": (
                        "By this we mean we want to work together as partners to make "
                        "sure that every child in the city has the same opportunity "
                        "to thrive. We want to make sure that every child has the "
                        "best possible start in life because we know that getting "
                        "this right is key to tackling health and social inequalities "
                        "and preventing poor outcomes. This also means that all "
                        "children are supported to reach their potential in school, "
                        "further education and employment, and that families are "
                        "supported to make healthy lifestyle choices. Improving "
                        "opportunities for children and young people will help "
                        "address concerns in the city around violence and "
                        "exploitation and young people's mental health and wellbeing. "
                        "With a younger than average population in the city, we know "
                        "that a specific focus on children and young people in "
                        "Coventry is important."
                    ),
                    "kpis": [
                        "Good level of development (five year olds)",
                        "Healthy weight Year 6 (childhood obesity)",
                        "Young people feeling safe",
                        (
                            "Proportion of young people progressing into sustainable "
                            "education, employment or training"
                        ),
                        (
                            "Child and Adolescent Mental Health Services – demand / "
                            "performance"
                        ),
                        "Children living in poverty",
                    ],
                    "indicators": [
                        "gld",
                        "y6-obese",
                        "y6-overweight-obese",
                        "yp-feel-safe",
                        "neet",
                        "children-low-income-families",
                    ],
                },
                {
                    "number": 3,
                    "title": (
                        "People live in connected, safe and sustainable communities"
                    ),
                    "description": (
                        "By this we mean working together to create communities that "
                        "have a healthy environment, economic prosperity and where "
                        "the social needs of people are met. This includes action to "
                        "address climate change and improve air quality, for example "
                        "through promoting active travel. It is also about working "
                        "together in local places to build community resilience and "
                        "promote community cohesion. It means building communities "
                        "where everyone in our diverse population has a stake and has "
                        "the opportunity to thrive – where people have access to "
                        "jobs, secure housing, feel safe and are connected with "
                        "people around them."
                    ),
                    "kpis": [
                        "Families in temporary accommodation",
                        "Fuel poverty",
                        "Self-reported wellbeing",
                        "Gross Disposable Household Income",
                        "Air quality (NO2)",
                        (
                            "Residents' self-reported ability to influence / improve "
                            "local area"
                        ),
                    ],
                    "indicators": [
                        "fuel-poverty",
                        "swemwbs",
                        "no-influence-local-area",
                        "statutory-homelessness",
                    ],
                },
            ],
            "priorities": [
                {
                    # Leads: seed 004 L1776 ('Board champions ... will work with Sue
                    # Frossell ... and Clare Wightman (Grapevine) as an executive
                    # group'). 'name' matches PEOPLE display_name; 'organisation' is an
                    # ORGANISATIONS key.
                    # inferred: pillars, here and in every priority, per
                    # seed-001-003 notes 1.6 (primary first).
                    "key": "2019-p1",
                    "number": 1,
                    "title": "Loneliness and social isolation",
                    "description": (
                        "Tackling loneliness and social isolation can also help to "
                        "reduce the burden on health and care services, building "
                        "resilience that enables people to remain independent for "
                        "longer and addressing social needs outside of formal "
                        "settings.\n"
                        "\n"
                        "We know from our engagement that loneliness and social "
                        "isolation affects people of all ages and there is a real "
                        "opportunity for partners to work together differently to "
                        "empower communities and individuals to become better "
                        "connected and more resilient in combating loneliness and "
                        "isolation."
                    ),
                    "kind": "short_term",
                    "predecessor": None,
                    "lineage": "new",
                    "review_months": 18,
                    "leads": [
                        {
                            "role": "champion",
                            "name": "Councillor M Mutton",
                            "organisation": "ccc",
                        },
                        {
                            "role": "champion",
                            "name": "Pete Fahy",
                            "organisation": "ccc",
                        },
                        {
                            "role": "lead_body",
                            "name": (
                                "Executive group: Councillor M Mutton, Pete Fahy, Sue "
                                "Frossell and Clare Wightman"
                            ),
                            "organisation": None,
                        },
                    ],
                    "pillars": ["PC", "HB", "IC", "WD"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": ["swemwbs", "belonging-neighbourhood"],
                },
                {
                    # Title as the strategy heading (seed 004 L2092); printed 'Young
                    # people's mental health and well-being' in the Cabinet report
                    # (L1769) and 'Young people's mental health' on the summary page.
                    # Champions: seed 004 L1780.
                    "key": "2019-p2",
                    "number": 2,
                    "title": "Young people's mental health and wellbeing",
                    "description": (
                        "There are real opportunities for partners to work together "
                        "differently to develop preventative strategies to tackle the "
                        "causes of mental ill health amongst children and young "
                        "people, as well as provide more effective support to young "
                        "people at risk of, or experiencing, mental ill health.\n"
                        "\n"
                        "We will take a whole system approach to children's mental "
                        "health and wellbeing, by:\n"
                        "- Developing a comprehensive approach to early intervention "
                        "across all partners\n"
                        "- Developing a collective and system-wide understanding of "
                        "children and young people at risk\n"
                        "- Developing an overarching system-wide plan, with partners "
                        "working together to target early intervention resources in a "
                        "more co-ordinated way; and to prevent crisis by providing "
                        "timely and appropriate support for children's mental health."
                    ),
                    "kind": "short_term",
                    "predecessor": None,
                    "lineage": "new",
                    "review_months": 18,
                    "leads": [
                        {
                            "role": "champion",
                            "name": "Councillor P Seaman",
                            "organisation": "ccc",
                        },
                        {
                            "role": "champion",
                            "name": "John Gregg",
                            "organisation": "ccc",
                        },
                        {
                            "role": "champion",
                            "name": "Liz Gaulton",
                            "organisation": "ccc",
                        },
                    ],
                    "pillars": ["IC", "HB", "PC", "WD"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": ["cyp-mh-condition", "yp-feel-safe"],
                },
                {
                    # Summary page wording: 'Working differently with communities'. Lead
                    # body: seed 004 L1782 (One Coventry Partnership, 'network of
                    # networks'); no named champion in the seeds.
                    "key": "2019-p3",
                    "number": 3,
                    "title": "Working differently with our communities",
                    "description": (
                        "Our engagement with communities and community organisations "
                        "during the JSNA and Health and Wellbeing Strategy "
                        "development has revealed an appetite for a change in "
                        "approach to how we work together in our places and with our "
                        "communities. This means working together, with communities, "
                        "to improve people's lives and the city for the better. "
                        "Communities want to be part of the change and want to work "
                        'with statutory partners, not to be "done to", which means '
                        "changing traditional relationships. This is in line with the "
                        "Council's One Coventry approach, whereby the Council will be "
                        "working with partners and the public, sharing resources and "
                        "looking for opportunities to work together and do things "
                        "differently."
                    ),
                    "kind": "short_term",
                    "predecessor": None,
                    "lineage": "new",
                    "review_months": 18,
                    "leads": [
                        {
                            "role": "lead_body",
                            "name": (
                                "One Coventry Partnership (formerly the People "
                                "Partnership)"
                            ),
                            "organisation": None,
                        },
                    ],
                    "pillars": ["PC", "WD", "IC"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": ["no-influence-local-area", "belonging-coventry"],
                },
            ],
            "progress_reports": [],
        },
        {
            # 'Stocktake of progress, September 2021' (seed 001). It restates the 2019
            # priorities rather than setting new ones, so its content is held as
            # progress_reports against the 2019 priority keys. No RAG ratings are given
            # in the seed (rag left blank).
            # inferred: published: month only in the seed (day set to 1).
            # The stocktake's 'wider learning' (seed 001 L156-164) has no field here;
            # its key sentence is used as this version's vision text.
            "key": "2021-stocktake",
            "label": (
                "Coventry Health and Wellbeing Strategy 2019 - 23: Stocktake of "
                "progress, September 2021"
            ),
            "kind": "stocktake",
            "period_start": "2019-01-01",
            "period_end": "2023-12-31",
            "published": "2021-09-01",
            "inferred": {"published": "month only in the seed; day set to 1"},
            "vision": (
                "This paper provides a light touch stocktake of key outcomes for each "
                "of the three priorities, as well as wider lessons learnt about the "
                "format and implementation of the Strategy within an evolving health "
                "and social care context. It aims to capture impact and learning to "
                "inform the refreshed Health and Wellbeing Strategy."
            ),
            "principles": [],
            "ambitions": [],
            "priorities": [],
            "progress_reports": [
                {
                    "priority": "2019-p1",
                    "date": "2021-09-01",
                    "rag": "",
                    "progress": (
                        "A multiagency working group was set up to take this priority "
                        "area forward, and a workshop was held in December 2019, led "
                        "by Grapevine with partners to create a shared vision for "
                        "tackling social isolation. Partners who attended included "
                        "statutory and non-statutory agencies. The purpose of the "
                        "workshop was to consider creating a collective movement of "
                        "change against social isolation and loneliness and set "
                        "shared objectives to tackle this priority area. A shared "
                        'vision was developed by partners: "A city where everyone '
                        "feels connected and is working together to end loneliness "
                        'and isolation"\n'
                        "\n"
                        "Current data shows that, whilst there has been a number of "
                        "initiatives aimed at tackling social isolation and "
                        "loneliness, there is still more to do. Findings from the "
                        "Coventry Household Survey, conducted in 2021, shows that "
                        "16-24 year olds score highest on loneliness, with the survey "
                        "showing that the younger you are, the more likely you are to "
                        "be lonely. The survey also highlighted that women, carers, "
                        "disabled and unemployed people are more likely to be lonely."
                    ),
                    "next_steps": (
                        "A workshop is planned with key stakeholders who have been "
                        "involved in progressing work around this priority area to "
                        "understand their views on progress around this agenda and "
                        "how best this could be accelerated. The findings from this "
                        "will be used to inform the Strategy refresh."
                    ),
                },
                {
                    "priority": "2019-p2",
                    "date": "2021-09-01",
                    "rag": "",
                    "progress": (
                        "Coventry City Council in partnership with Coventry and "
                        "Warwickshire CCG have commissioned Kooth, an online virtual "
                        "support offer for emotional wellbeing and mental health. The "
                        "service, which is for children and young people aged 11 to "
                        "25, went live in Coventry on 12 April 2021\n"
                        "\n"
                        "The group acknowledged that this was still a key priority "
                        "for the city and highlighted the strong multi-agency "
                        "partnership working over the last 18 months to support "
                        "children and young people who are experiencing crisis and "
                        "responding to emerging needs and the importance of "
                        "continuing this work going forward"
                    ),
                    "next_steps": (
                        "they recognised the need to strengthen approaches to "
                        "resilience and early intervention and prevention; it was "
                        "stressed that it is important to have a system wide "
                        "understanding of children and young people; and the need to "
                        "bring together and align priorities with other plans, both "
                        "at strategic and operational level, to ensure they do not "
                        "sit in isolation."
                    ),
                },
                {
                    "priority": "2019-p3",
                    "date": "2021-09-01",
                    "rag": "",
                    "progress": (
                        "14 new Social Supermarkets/ Food Hubs supported and set up "
                        "in response to the pandemic. These include Stoke Aldermoor, "
                        "Stoke Heath, Canley, Cheylesmore and Willenhall. Twice the "
                        "level of people are being fed in comparison to pre-COVID19\n"
                        "\n"
                        "273 Community messengers were in place to give out messages "
                        "about COVID19 and other PH issues – these are people already "
                        "in community organisations who will give general messaging "
                        "and bring back local intelligence from communities. Their "
                        "remit was to include harder to reach groups.\n"
                        "\n"
                        "Participants recognised some of the good work that had taken "
                        "place over the last 18 months and wanted to maintain and "
                        "further develop the culture shift and foster the new "
                        "connections that had been created during this time."
                    ),
                    "next_steps": (
                        "The group suggested establishing a working group that "
                        "included VCS reps to help keep the momentum around this "
                        "priority area.\n"
                        "\n"
                        "Attendees also felt that there could be improved "
                        "co-production of services between and across the VCS and "
                        "statutory partners and stressed the importance of being "
                        "involved in these conversations at an early stage."
                    ),
                },
            ],
        },
        {
            # Untitled refresh (seed 003). Same strategy period; no new end date is
            # stated.
            # inferred: published - the document is undated; it was written between
            # January and June 2023 (seed-001-003 notes 4.6); 2023-03-01 is a
            # placeholder within that window.
            # Ambition titles use '&' as printed (seed 003 L230-232); the refresh gives
            # no ambition descriptions.
            # Lineage per seed-001-003 notes 1.4: the refresh 'intensified' the existing
            # priorities; 'for all' = broadened; R3 is new; R5 is cross-cutting. No
            # leads or review dates are stated.
            "key": "2023",
            "label": "Coventry Health and Wellbeing Strategy 2019-2023: 2023 refresh",
            "kind": "refresh",
            "period_start": "2019-01-01",
            "period_end": "2023-12-31",
            "published": "2023-03-01",
            "inferred": {
                "published": (
                    "the document is undated; written between January and June 2023 "
                    "(seed-001-003 notes 4.6), so a placeholder within that window"
                ),
            },
            "vision": (
                "Our ambition for Coventry is to ensure everyone can enjoy good "
                "health and, that we reduce health inequalities."
            ),
            "principles": [
                (
                    "Prioritising prevention: we will tackle the causes of "
                    "health-related problems to reduce the impact of ill-health on "
                    "people's lives, their families and communities. We will seek to "
                    "address the root causes of problems, listening to local people's "
                    "priorities and acting on their concerns."
                ),
                (
                    "Strengthening communities: we will support strong and stable "
                    "communities. We will listen to residents to understand what they "
                    "want from the services we provide and encourage them, to lead "
                    "change themselves where possible."
                ),
                (
                    "Co-ordinating services: we will work together to design services "
                    "which take account of the complexity of people's lives and their "
                    "overlapping health and social needs. We will focus on the best "
                    "way to achieve good outcomes for people, reducing the number of "
                    "interactions people have with our services and avoiding multiple "
                    "interventions from different providers."
                ),
                (
                    "Sharing responsibility: we value the distinct contributions of "
                    "all organisations that are represented on the Health and "
                    "Wellbeing Board. We will maintain partnerships between the "
                    "public sector, voluntary and community sector, local businesses "
                    "and residents, recognising that we share a responsibility to "
                    "transform the health and wellbeing of our communities. We will "
                    "pool resources, budgets and accountabilities where it will "
                    "improve services for the public."
                ),
            ],
            "ambitions": [
                {
                    "number": 1,
                    "title": "People are healthier & independent for longer",
                    "description": "",
                    "kpis": [],
                    "indicators": [
                        "hle",
                        "le",
                        "physically-active-adults",
                        "adult-smoking",
                        "smoking-attributable-deaths",
                    ],
                },
                {
                    "number": 2,
                    "title": "Children & young people fulfil their potential",
                    "description": "",
                    "kpis": [],
                    "indicators": [
                        "gld",
                        "y6-obese",
                        "y6-overweight-obese",
                        "yp-feel-safe",
                        "neet",
                        "children-low-income-families",
                    ],
                },
                {
                    "number": 3,
                    "title": "People live in connected, safe & sustainable communities",
                    "description": "",
                    "kpis": [],
                    "indicators": [
                        "fuel-poverty",
                        "swemwbs",
                        "no-influence-local-area",
                        "statutory-homelessness",
                    ],
                },
            ],
            "priorities": [
                {
                    "key": "2023-p1",
                    "number": 1,
                    "title": "Tackling loneliness and social isolation for all",
                    "description": (
                        "Social isolation is detrimental for an individual's physical "
                        "and mental health and therefore having strong social "
                        "networks and positive social relationships is good for our "
                        "health and wellbeing. Engagement with residents has "
                        "highlighted the impact of social isolation not just on our "
                        "older residents, but the wider community. Coventry has a "
                        "real opportunity to build on our community assets to improve "
                        "social connections.\n"
                        "\n"
                        "With Coventry's diverse population, the experience of "
                        "isolation may have a new slant, particularly with different "
                        "communities coming into the city as a result of continued "
                        "migration and civil conflict. With this comes the challenge "
                        "of working in the overlap of the priorities and being "
                        "responsive to their needs and ensuring there are the "
                        "relevant services in place to meet this need."
                    ),
                    "kind": "short_term",
                    "predecessor": "2019-p1",
                    "lineage": "broadened",
                    "review_months": None,
                    "leads": [],
                    "pillars": ["PC", "HB"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": ["swemwbs", "belonging-neighbourhood"],
                },
                {
                    "key": "2023-p2",
                    "number": 2,
                    "title": "Improving mental health for all",
                    "description": (
                        "Nationally, the Covid-19 pandemic has impacted significantly "
                        "on many people's mental health, as monitored by ongoing "
                        "surveillance reporting. Throughout our engagement with "
                        "residents in developing this strategy, many raised specific "
                        "concerns around the mental health of children and young "
                        "people as well as older adults, as well as the importance of "
                        "ensuring equity of access to services."
                    ),
                    "kind": "short_term",
                    "predecessor": "2019-p2",
                    "lineage": "broadened",
                    "review_months": None,
                    "leads": [],
                    "pillars": ["HB", "IC"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": [
                        "swemwbs",
                        "depression-prevalence",
                        "cyp-mh-condition",
                    ],
                },
                {
                    "key": "2023-p3",
                    "number": 3,
                    "title": (
                        "Focus on employment and homelessness as a prevention "
                        "opportunity"
                    ),
                    "description": (
                        "Despite growing opportunities, innovation and improvement in "
                        "average earnings in the city, there has been an increase in "
                        "the number of residents unemployed and economically "
                        "inactive. Understanding the impact of the pandemic & the "
                        "cost-of-living crisis on communities (across the life "
                        "course) is therefore a key priority given the increased risk "
                        "of further exacerbating wider inequalities."
                    ),
                    "kind": "short_term",
                    "predecessor": None,
                    "lineage": "new",
                    "review_months": None,
                    "leads": [],
                    "pillars": ["WD", "PC"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": [
                        "employment-rate",
                        "neet",
                        "statutory-homelessness",
                        "children-low-income-families",
                        "fuel-poverty",
                    ],
                },
                {
                    "key": "2023-p4",
                    "number": 4,
                    "title": "Strengthen work with communities",
                    "description": (
                        "The city's diversity and cohesion are assets to Coventry, "
                        "however there is some indication that overall feelings of "
                        "belonging, and cohesion, may have reduced over the last few "
                        "years. A commitment to strengthening work with communities "
                        "is paramount, as there is a real opportunity to build on the "
                        "work delivered during the pandemic and continue to unlock "
                        "the power of local assets by improving the connectivity "
                        "between the Health & Wellbeing board and communities and the "
                        "Health & Wellbeing board and place-based working."
                    ),
                    "kind": "short_term",
                    "predecessor": "2019-p3",
                    "lineage": "intensified",
                    "review_months": None,
                    "leads": [],
                    "pillars": ["PC"],
                    "inferred": PRIORITY_PILLARS,
                    "indicators": [
                        "belonging-coventry",
                        "belonging-neighbourhood",
                        "no-influence-local-area",
                    ],
                },
                {
                    # Cross-cutting: a requirement on how all priorities are delivered;
                    # no pillar tag (inferred).
                    "key": "2023-p5",
                    "number": 5,
                    "title": "The need for co-production to achieve the priorities",
                    "description": (
                        "The need for co-production to achieve the priorities and the "
                        "importance of engaging with the community to influence and "
                        'design solutions. The One Coventry Plan asked, "what will '
                        'the Coventry of 2030 look and feel like to you?" and a '
                        "majority of responses pointed to a need for more "
                        "communication, collaboration, and engagement."
                    ),
                    "kind": "cross_cutting",
                    "predecessor": None,
                    "lineage": "new",
                    "review_months": None,
                    "leads": [],
                    "pillars": [],
                    "inferred": {"pillars": "cross-cutting: no pillar tag"},
                    "indicators": ["no-influence-local-area"],
                },
            ],
            "progress_reports": [],
        },
    ],
}

# Geographies with values; wards are left out (the seeds give no GSS codes).
AREAS = [
    {"code": "E92000001", "name": "England", "type": "country", "parent": None},
    {
        "code": "E12000005",
        "name": "West Midlands",
        "type": "region",
        "parent": "E92000001",
    },
    {
        "code": "E08000026",
        "name": "Coventry",
        "type": "local_authority",
        "parent": "E12000005",
    },
]

# Which King's Fund pillar each indicator evidences directly (those linked to a
# priority count for the priority's pillars too). inferred: the seeds tie
# indicators to priorities and ambitions, never to pillars.
PILLAR_INDICATORS = {
    "WD": [
        "children-low-income-families",
        "fuel-poverty",
        "deprivation-10pc",
        "employment-rate",
        "statutory-homelessness",
        "neet",
        "gld",
    ],
    "HB": [
        "physically-active-adults",
        "y6-obese",
        "y6-overweight-obese",
        "adult-smoking",
        "smoking-attributable-deaths",
    ],
    "PC": [
        "belonging-coventry",
        "belonging-neighbourhood",
        "no-influence-local-area",
        "yp-feel-safe",
    ],
    "IC": ["depression-prevalence", "cyp-mh-condition", "swemwbs"],
}
PILLAR_INDICATORS_INFERRED = (
    "the seeds tie indicators to priorities and ambitions, never to pillars"
)

# Indicators tied to the ambitions and priorities that have values in the seeds.
# fingertips_id only where checked; otherwise None.
INDICATORS = [
    {
        # Fingertips ID 90362 (healthy life expectancy at birth) checked against public
        # fingertipsR examples.
        "key": "hle",
        "name": "Healthy life expectancy at birth",
        "definition": "The number of years a person can expect to live in good health.",
        "unit": "years",
        "polarity": "higher_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": 90362,
    },
    {
        "key": "le",
        "name": "Life expectancy at birth",
        "definition": "Average number of years a newborn can expect to live.",
        "unit": "years",
        "polarity": "higher_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": 90366,
    },
    {
        "key": "physically-active-adults",
        "name": "Physically active adults",
        "definition": (
            "Percentage of adults taking part in 150 minutes of moderate intensity "
            "activity per week (the level recommended by the chief medical officer)."
        ),
        "unit": "%",
        "polarity": "higher_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": None,
    },
    {
        "key": "gld",
        "name": "Good level of development at age five",
        "definition": (
            "Percentage of children achieving a 'good level of development': "
            "performing at the expected level in all the early learning goals "
            "(communication and language, physical development, personal, social and "
            "emotional development, and literacy and mathematics)."
        ),
        "unit": "%",
        "polarity": "higher_is_better",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "fingertips_id": None,
    },
    {
        "key": "y6-obese",
        "name": "Year 6 children measured as obese",
        "definition": "Percentage of Year 6 children measured as 'obese'.",
        "unit": "%",
        "polarity": "lower_is_better",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "fingertips_id": None,
    },
    {
        # The refresh also gives 'around 22%' for Reception and a 'healthy weight'
        # figure of 57.1% printed as 'Across the West Midlands' (seed 003 L78); both
        # left out as approximate/ambiguous.
        "key": "y6-overweight-obese",
        "name": "Year 6 children classed as overweight or obese",
        "definition": "Percentage of Year 6 children classed as overweight & obese.",
        "unit": "%",
        "polarity": "lower_is_better",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "fingertips_id": None,
    },
    {
        "key": "yp-feel-safe",
        "name": "Young people feeling safe in the city",
        "definition": (
            "Percentage of young people who said they felt very safe or safe in the "
            "city."
        ),
        "unit": "%",
        "polarity": "higher_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019) (Youth "
            "Survey 2018)"
        ),
        "fingertips_id": None,
    },
    {
        "key": "neet",
        "name": (
            "16-17 year olds not in education, employment or training (NEET) or not "
            "known"
        ),
        "definition": (
            "Percentage of 16-17 year olds who are NEET or whose activity is not known."
        ),
        "unit": "%",
        "polarity": "lower_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": None,
    },
    {
        # The JSNA gives a different measure: 'One-third of Coventry households with
        # children are regarded as low-income families (33%)' (seed 000 L1122) - not
        # loaded as the same indicator.
        "key": "children-low-income-families",
        "name": "Children living in low-income families",
        "definition": "Percentage of children living in low-income families.",
        "unit": "%",
        "polarity": "lower_is_better",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "fingertips_id": None,
    },
    {
        "key": "fuel-poverty",
        "name": "Households in fuel poverty",
        "definition": (
            "A household is said to be in fuel poverty if their fuel costs are above "
            "average, and when having paid for fuel, they are left with an income "
            "below the official poverty line."
        ),
        "unit": "%",
        "polarity": "lower_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": None,
    },
    {
        # The refresh prints both 14.4% (seed 003 L55) and 'Nearly 19%' (L84); the IMD
        # edition is not stated.
        "key": "deprivation-10pc",
        "name": "Neighbourhoods in the 10% most deprived in England",
        "definition": (
            "Percentage of the city's neighbourhoods amongst the 10% most deprived "
            "areas in England."
        ),
        "unit": "% of neighbourhoods",
        "polarity": "lower_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": None,
    },
    {
        # Used for the 'Self-reported wellbeing' KPI of ambition 3.
        "key": "swemwbs",
        "name": "Mean mental wellbeing score (SWEMWBS)",
        "definition": (
            "Average score on the Short Warwick and Edinburgh Mental Wellbeing Scale "
            "(seven questions); the 2023 refresh gives its range as 1 (very low "
            "wellbeing) to 35 (very high wellbeing)."
        ),
        "unit": "score",
        "provenance": {"definition": "seed 003 L61 (the range)"},
        "polarity": "higher_is_better",
        "source": (
            "Coventry Household Survey (via Coventry Health and Wellbeing Strategy "
            "refresh, 2023)"
        ),
        "fingertips_id": None,
    },
    {
        "key": "belonging-coventry",
        "name": "Adults with a sense of belonging to Coventry",
        "definition": (
            "Percentage of adults who said they felt a sense of belonging to Coventry."
        ),
        "unit": "%",
        "polarity": "higher_is_better",
        "source": (
            "Coventry Household Survey (via Coventry JSNA Citywide Profile 2019 "
            "(Insight Team, June 2019) and Coventry Health and Wellbeing Strategy "
            "refresh, 2023)"
        ),
        "fingertips_id": None,
    },
    {
        "key": "belonging-neighbourhood",
        "name": "Adults who feel they belong to their immediate neighbourhood",
        "definition": (
            "Percentage of adults who felt they belonged to their immediate "
            "neighbourhood."
        ),
        "unit": "%",
        "polarity": "higher_is_better",
        "source": (
            "Coventry Household Survey (via Coventry JSNA Citywide Profile 2019 "
            "(Insight Team, June 2019) and Coventry Health and Wellbeing Strategy "
            "refresh, 2023)"
        ),
        "fingertips_id": None,
    },
    {
        # Closest seed value for the KPI 'Residents' self-reported ability to influence
        # / improve local area'.
        "key": "no-influence-local-area",
        "name": "Residents who feel they have no influence over local decisions",
        "definition": (
            "Percentage of residents who felt they had no influence over decisions "
            "affecting their local area."
        ),
        "unit": "%",
        "polarity": "lower_is_better",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "fingertips_id": None,
    },
    {
        # The JSNA gives only 'Between one-in-five and one-in-six Coventry adults smoke'
        # (seed 000 L1506).
        "key": "adult-smoking",
        "name": "Smoking prevalence in adults",
        "definition": "Percentage of adults who smoke.",
        "unit": "%",
        "polarity": "lower_is_better",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "fingertips_id": None,
    },
    {
        # inferred: unit. The seed prints '283 per 1,000' [sic]; the unit must be per
        # 100,000 (England 262.6).
        "key": "smoking-attributable-deaths",
        "name": "Deaths attributable to smoking",
        "definition": "Deaths caused by smoking.",
        "unit": "per 100,000",
        "inferred": {
            "unit": (
                "seed 000 L1506 prints '283 per 1,000' [sic]; per 100,000 as "
                "England's 262.6 is"
            ),
        },
        "polarity": "lower_is_better",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "fingertips_id": None,
    },
    {
        "key": "employment-rate",
        "name": "Working-age employment rate",
        "definition": "Percentage of people of working age in employment.",
        "unit": "%",
        "polarity": "higher_is_better",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "fingertips_id": None,
    },
    {
        # Closest seed value for the KPI 'Families in temporary accommodation' (190 to
        # 250 families a night in 2017/18).
        "key": "statutory-homelessness",
        "name": "Statutory homelessness",
        "definition": "Statutorily homeless households per 1,000 households.",
        "unit": "per 1,000 households",
        "polarity": "lower_is_better",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "fingertips_id": None,
    },
    {
        "key": "cyp-mh-condition",
        "name": (
            "Young people with a diagnosable mental health condition (national "
            "evidence)"
        ),
        "definition": (
            "Proportion of young people with some form of diagnosable mental health "
            "condition (national estimate quoted in the strategy and the 2021 "
            "stocktake)."
        ),
        "unit": "%",
        "polarity": "lower_is_better",
        "source": (
            "National evidence quoted in the draft strategy (2019) and the 2021 "
            "stocktake"
        ),
        "fingertips_id": None,
    },
    {
        # no_judgement: recorded prevalence also reflects diagnosis and recognition
        # (seed 003 L67).
        "key": "depression-prevalence",
        "name": "Adults diagnosed with depression (GP registers)",
        "definition": (
            "Proportion of Coventry adults diagnosed with depression according to GP "
            "registers."
        ),
        "unit": "%",
        "polarity": "no_judgement",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "fingertips_id": None,
    },
]

# Coventry values, with England / West Midlands comparators wherever the seed states
# one. period_key is a sortable string. 'JSNA 2019' / '2023 refresh' mark values whose
# period the seed does not state.
INDICATOR_VALUES = [
    {
        "indicator": "hle",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 63.5,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Female",
        "age": "At birth",
        "value_note": (
            "The JSNA 2019 does not give the period. It is 'just below the regional "
            "and national averages but is not significantly different'."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1371; period not stated in the seed",
    },
    {
        "indicator": "hle",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 62.9,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Male",
        "age": "At birth",
        "value_note": "The JSNA 2019 does not give the period.",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1371; period not stated in the seed",
    },
    {
        "indicator": "hle",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 64.0,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Female",
        "age": "At birth",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
    },
    {
        "indicator": "hle",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 61.1,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Male",
        "age": "At birth",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
    },
    {
        "indicator": "hle",
        "area": "E92000001",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 63.1,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Male",
        "age": "At birth",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
    },
    {
        "indicator": "hle",
        "area": "E12000005",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 61.9,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Male",
        "age": "At birth",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
    },
    {
        # inferred: area: 63.9 assigned to England by general knowledge; the refresh
        # does not say which figure is national.
        "indicator": "hle",
        "area": "E92000001",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 63.9,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Female",
        "age": "At birth",
        "value_note": (
            "The 2023 refresh does not give the period. The refresh gives the regional "
            "and national figures for women as 62.6 and 63.9 without saying which is "
            "which; 63.9 is shown here as England's."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
        "inferred": {
            "area": (
                "seed 003 L56 prints 'slightly higher (62.6) and (63.9)' without "
                "saying which is national; 63.9 assigned to England by general "
                "knowledge"
            ),
        },
    },
    {
        # inferred: area: 62.6 assigned to the West Midlands by general knowledge; the
        # refresh does not say which figure is regional.
        "indicator": "hle",
        "area": "E12000005",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 62.6,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Female",
        "age": "At birth",
        "value_note": (
            "The 2023 refresh does not give the period. The refresh gives the regional "
            "and national figures for women as 62.6 and 63.9 without saying which is "
            "which; 62.6 is shown here as the West Midlands'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
        "inferred": {
            "area": (
                "seed 003 L56 prints 'slightly higher (62.6) and (63.9)' without "
                "saying which is regional; 62.6 assigned to the West Midlands by "
                "general knowledge"
            ),
        },
    },
    {
        "indicator": "le",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 82.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Female",
        "age": "At birth",
        "value_note": (
            "The JSNA 2019 does not give the period. Life expectancy 'has consistently "
            "remained below the regional and national averages'."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1369; period not stated in the seed",
    },
    {
        "indicator": "le",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 78.3,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Male",
        "age": "At birth",
        "value_note": "The JSNA 2019 does not give the period.",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1369; period not stated in the seed",
    },
    {
        "indicator": "le",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 82.0,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Female",
        "age": "At birth",
        "value_note": (
            "The 2023 refresh does not give the period. It is 'lower than the England "
            "average'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
    },
    {
        "indicator": "le",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 78.0,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Male",
        "age": "At birth",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L56; period not stated in the seed",
    },
    {
        "indicator": "physically-active-adults",
        "area": "E08000026",
        "period_label": "2017/18",
        "period_key": "2017",
        "value": 53,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": (
            "'just over half (53%)'; 'significantly lower than that of similar areas'"
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1516",
    },
    {
        "indicator": "physically-active-adults",
        "area": "E12000005",
        "period_label": "2017/18",
        "period_key": "2017",
        "value": 58,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1516",
    },
    {
        "indicator": "physically-active-adults",
        "area": "E92000001",
        "period_label": "2017/18",
        "period_key": "2017",
        "value": 62,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1516",
    },
    {
        "indicator": "physically-active-adults",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 58.6,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": (
            "The 2023 refresh does not give the period. It is 'below both the regional "
            "and national average'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L78; period not stated in the seed",
    },
    {
        "indicator": "gld",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 68,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "5",
        "value_note": "The JSNA 2019 does not give the period.",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L980; period not stated in the seed",
    },
    {
        "indicator": "gld",
        "area": "E92000001",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 72,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "5",
        "value_note": (
            "The JSNA 2019 does not give the period. The JSNA gives it as the figure "
            "'nationally'."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L980; period not stated in the seed",
    },
    {
        "indicator": "y6-obese",
        "area": "E08000026",
        "period_label": "2017/18",
        "period_key": "2017",
        "value": 23.5,
        "lower_ci": None,
        "upper_ci": None,
        "count": 956,
        "denominator": None,
        "sex": "Persons",
        "age": "Year 6",
        "value_note": (
            "'nearly a quarter'; 'much higher' than the England average (no England "
            "value given)"
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1518",
    },
    {
        "indicator": "y6-overweight-obese",
        "area": "E08000026",
        "period_label": "2021/22",
        "period_key": "2021",
        "value": 41.1,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Year 6",
        "value_note": (
            "'higher than the England average'; 'increasing and getting worse'"
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L78",
    },
    {
        "indicator": "yp-feel-safe",
        "area": "E08000026",
        "period_label": "2018",
        "period_key": "2018",
        "value": 16,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Young people",
        "value_note": "Youth Survey; 30% said they felt very unsafe or unsafe",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1325",
    },
    {
        "indicator": "neet",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 5.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": 380,
        "denominator": None,
        "sex": "Persons",
        "age": "16-17",
        "value_note": (
            "The JSNA 2019 does not give the period. It is 'lower than the regional or "
            "England rates'."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1067; period not stated in the seed",
    },
    {
        # inferred: age: the 16-17 band of the JSNA 2019; the refresh gives none.
        "indicator": "neet",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 3.9,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "16-17",
        "value_note": (
            "The 2023 refresh gives neither the period nor the age band. It is 'better "
            "than the regional and national average'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L92; period not stated in the seed",
        "inferred": {
            "age": (
                "age band 16-17 assumed as in the JSNA 2019 (seed 000 L1067); seed 003 "
                "L92 gives none"
            ),
        },
    },
    {
        "indicator": "children-low-income-families",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 18.7,
        "lower_ci": None,
        "upper_ci": None,
        "count": 13670,
        "denominator": None,
        "sex": "Persons",
        "age": "Children",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L100; period not stated in the seed",
    },
    {
        "indicator": "fuel-poverty",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 15,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "The JSNA 2019 does not give the period. Fuel poverty is 'more prevalent "
            "in Coventry than in the region or England'."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1228; period not stated in the seed",
    },
    {
        # inferred: period: 2020 from 'released from 2020', which may be the year of
        # release rather than of the data.
        "indicator": "fuel-poverty",
        "area": "E08000026",
        "period_label": "2020",
        "period_key": "2020",
        "value": 20.3,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "The refresh gives the figure as 'released from 2020', without saying "
            "whether 2020 is the year of the data or of its release. Some areas of "
            "Coventry have fuel poverty rates of over 50%."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L98",
        "inferred": {
            "period_label": (
                "2020 from 'In figures, released from 2020' (seed 003 L98); release "
                "year or data year unclear"
            ),
        },
    },
    {
        "indicator": "deprivation-10pc",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 18.5,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "The JSNA 2019 does not give the period. The same profile also says "
            "'nearly 19%', and the draft strategy '19%'. Coventry is the 46th most "
            "deprived of 326 local authorities."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": (
            "seed 000 L1122; period not stated in the seed; 'Nearly 19%' at seed 000 "
            "L792 (the profile's summary) and '19%' at L2223 (the draft strategy)"
        ),
    },
    {
        "indicator": "deprivation-10pc",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 14.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "The 2023 refresh does not give the period. The same document also says "
            "'nearly 19%'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": (
            "seed 003 L55; period not stated in the seed; 'Nearly 19%' at seed 003 L84"
        ),
    },
    {
        "indicator": "swemwbs",
        "area": "E08000026",
        "period_label": "2018",
        "period_key": "2018",
        "value": 26.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "Household Survey respondents",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L61",
    },
    {
        "indicator": "swemwbs",
        "area": "E08000026",
        "period_label": "2021",
        "period_key": "2021",
        "value": 22.94,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": (
            "Household Survey respondents; 28% scored 'possible' or 'probable' "
            "depression (10% in 2018)"
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L61",
    },
    {
        "indicator": "swemwbs",
        "area": "E08000026",
        "period_label": "2022",
        "period_key": "2022",
        "value": 21.75,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "Household Survey respondents",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L61",
    },
    {
        "indicator": "belonging-coventry",
        "area": "E08000026",
        "period_label": "2018",
        "period_key": "2018",
        "value": 83,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": (
            "The JSNA 2019 gives 83% without a year; the 2023 refresh dates it to 2018 "
            "('down from 83% in 2018')."
        ),
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "provenance": "seed 000 L915; seed 003 L68 (the year)",
    },
    {
        "indicator": "belonging-coventry",
        "area": "E08000026",
        "period_label": "2022",
        "period_key": "2022",
        "value": 56,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L68",
    },
    {
        "indicator": "belonging-neighbourhood",
        "area": "E08000026",
        "period_label": "2018",
        "period_key": "2018",
        "value": 77,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "",
        "source": (
            "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019); Coventry "
            "Health and Wellbeing Strategy refresh, 2023"
        ),
        "provenance": "seed 000 L915; seed 003 L68",
    },
    {
        "indicator": "belonging-neighbourhood",
        "area": "E08000026",
        "period_label": "2022",
        "period_key": "2022",
        "value": 54,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L68",
    },
    {
        "indicator": "no-influence-local-area",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 61,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "The JSNA 2019 does not give the period. 55% said they would probably not "
            "get involved to make improvements to their local area."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L921; period not stated in the seed",
    },
    {
        "indicator": "adult-smoking",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 16.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L104; period not stated in the seed",
    },
    {
        "indicator": "adult-smoking",
        "area": "E92000001",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 15.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": (
            "The 2023 refresh does not give the period. The refresh calls it the "
            "'national average'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L104; period not stated in the seed",
    },
    {
        "indicator": "smoking-attributable-deaths",
        "area": "E08000026",
        "period_label": "2015-17",
        "period_key": "2015",
        "value": 283,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "The JSNA prints this as '283 per 1,000'; it is a rate per 100,000, like "
            "England's 262.6."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1506; the seed prints '283 per 1,000' [sic]",
    },
    {
        "indicator": "smoking-attributable-deaths",
        "area": "E92000001",
        "period_label": "2015-17",
        "period_key": "2015",
        "value": 262.6,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": "",
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1506",
    },
    {
        "indicator": "employment-rate",
        "area": "E08000026",
        "period_label": "JSNA 2019",
        "period_key": "2019",
        "value": 72,
        "lower_ci": None,
        "upper_ci": None,
        "count": 169900,
        "denominator": 236000,
        "sex": "Persons",
        "age": "Working age",
        "value_note": (
            "The JSNA 2019 does not give the period. It is 'lower than the England "
            "average'; the JSNA gives no England figure."
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1101; period not stated in the seed",
    },
    {
        "indicator": "employment-rate",
        "area": "E08000026",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 69.2,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Working age",
        "value_note": (
            "The 2023 refresh does not give the period. It is 'amongst the lowest "
            "across the West Midlands'."
        ),
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L92; period not stated in the seed",
    },
    {
        "indicator": "employment-rate",
        "area": "E92000001",
        "period_label": "2023 refresh",
        "period_key": "2023",
        "value": 75.4,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Working age",
        "value_note": "The 2023 refresh does not give the period.",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L92; period not stated in the seed",
    },
    {
        "indicator": "statutory-homelessness",
        "area": "E08000026",
        "period_label": "2017/18",
        "period_key": "2017",
        "value": 3.9,
        "lower_ci": None,
        "upper_ci": None,
        "count": 555,
        "denominator": None,
        "sex": "Persons",
        "age": "All ages",
        "value_note": (
            "'lowest level in a decade but remains higher than the region and England'"
        ),
        "source": "Coventry JSNA Citywide Profile 2019 (Insight Team, June 2019)",
        "provenance": "seed 000 L1230",
    },
    {
        "indicator": "cyp-mh-condition",
        "area": "E92000001",
        "period_label": "HWS 2019",
        "period_key": "2019",
        "value": 10,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Young people",
        "value_note": "approximate: 'one in ten young people' (national evidence)",
        "source": (
            "Draft Coventry Health and Wellbeing Strategy 2019-2023 (July 2019); "
            "Coventry Health and Wellbeing Strategy 2019-2023 (October 2019)"
        ),
        "provenance": "seed 000 L2320; seed 004 L2094",
    },
    {
        "indicator": "cyp-mh-condition",
        "area": "E92000001",
        "period_label": "2021 stocktake",
        "period_key": "2021",
        "value": 16.7,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "5-16",
        "value_note": (
            "approximate: '1 in 6 young people aged between 5 and 16' (national "
            "evidence)"
        ),
        "source": (
            "Coventry Health and Wellbeing Strategy 2019-23: Stocktake of progress, "
            "September 2021"
        ),
        "provenance": "seed 001 L72",
    },
    {
        "indicator": "depression-prevalence",
        "area": "E08000026",
        "period_label": "2013/14",
        "period_key": "2013",
        "value": 6.5,
        "lower_ci": None,
        "upper_ci": None,
        "count": None,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L62",
    },
    {
        "indicator": "depression-prevalence",
        "area": "E08000026",
        "period_label": "2021/22",
        "period_key": "2021",
        "value": 11.9,
        "lower_ci": None,
        "upper_ci": None,
        "count": 40743,
        "denominator": None,
        "sex": "Persons",
        "age": "Adults",
        "value_note": "'amounting to 40,743 residents'",
        "source": "Coventry Health and Wellbeing Strategy refresh, 2023",
        "provenance": "seed 003 L62",
    },
]

# Standing items a new meeting starts (or ends) with, per body: from the 8 July
# 2019 HWB agenda (seed 000 L23-39, L71-73) and the 29 October 2019 Cabinet agenda
# (seed 004 L21-32). "{previous_meeting}" becomes the previous meeting's date.
STANDING_ITEMS = [
    {
        "body": "hwb",
        "section": "Public Business",
        "position": "start",
        "title": "Welcome and Apologies for Absence",
        "kind": "apologies",
    },
    {
        "body": "hwb",
        "section": "Public Business",
        "position": "start",
        "title": "Declarations of Interest",
        "kind": "declarations",
    },
    {
        "body": "hwb",
        "section": "Public Business",
        "position": "start",
        "title": "Minutes of Previous Meeting",
        "kind": "minutes",
    },
    {
        "body": "hwb",
        "section": "Public Business",
        "position": "start",
        "sub_letter": "a",
        "title": "To agree the minutes of the meeting held on {previous_meeting}",
        "kind": "minutes",
    },
    {
        "body": "hwb",
        "section": "Public Business",
        "position": "start",
        "sub_letter": "b",
        "title": "Matters Arising",
        "kind": "matters_arising",
    },
    {
        "body": "hwb",
        "section": "Public Business",
        "position": "start",
        "title": "Chair's Update",
        "kind": "chairs_update",
        "description": "The Chair will report at the meeting",
    },
    {
        "body": "hwb",
        "section": "Governance Items",
        "position": "end",
        "title": "Any other items of public business",
        "kind": "any_other_business",
        "description": "Any other items of public business which the Chair decides to "
        "take as matters of urgency because of the special circumstances involved",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "start",
        "title": "Apologies",
        "kind": "apologies",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "start",
        "title": "Declarations of Interest",
        "kind": "declarations",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "start",
        "title": "Minutes",
        "kind": "minutes",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "start",
        "sub_letter": "a",
        "title": (
            "To agree the minutes from the meeting of Cabinet on {previous_meeting}"
        ),
        "kind": "minutes",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "start",
        "sub_letter": "b",
        "title": "Matters arising",
        "kind": "matters_arising",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "end",
        "title": "Outstanding Issues",
        "kind": "other",
        "description": "There are no outstanding issues",
    },
    {
        "body": "cabinet",
        "section": "Public business",
        "position": "end",
        "title": (
            "Any other items of public business which the Chair decides to take "
            "as a matter of urgency because of the special circumstances involved."
        ),
        "kind": "any_other_business",
    },
]

# The HWB's statutory recurring business, for the forward plan. The duties are
# the law's (domain.md); the next due dates are inferred for the demo.
RECURRING_ITEMS = [
    {
        "body": "hwb",
        "title": "Joint Strategic Needs Assessment",
        "every_months": 12,
        "legal_basis": "Local Government and Public Involvement in Health Act 2007, "
        "s116; Health and Social Care Act 2012, s196",
        "next_due": "2027-04-01",
        "inferred": {"next_due": "chosen for the demo"},
        "author": "gaulton",
    },
    {
        "body": "hwb",
        "title": "Joint Health and Wellbeing Strategy: annual review",
        "every_months": 12,
        "legal_basis": "Local Government and Public Involvement in "
        "Health Act 2007, s116A",
        "next_due": "2027-07-01",
        "inferred": {"next_due": "chosen for the demo"},
        "author": "gaulton",
    },
    {
        "body": "hwb",
        "title": "Pharmaceutical Needs Assessment",
        "every_months": 36,
        "legal_basis": "NHS (Pharmaceutical and Local Pharmaceutical Services) "
        "Regulations 2013, regulation 6",
        "next_due": "2027-07-01",
        "inferred": {"next_due": "chosen for the demo"},
        "author": "gaulton",
    },
    {
        "body": "hwb",
        "title": "Better Care Fund plan",
        "every_months": 12,
        "legal_basis": "Better Care Fund policy framework (NHS England): plans signed "
        "off by the Health and Wellbeing Board",
        "next_due": "2027-04-01",
        "inferred": {"next_due": "chosen for the demo"},
        "author": None,
    },
    {
        "body": "hwb",
        "title": "Better Care Fund quarterly return",
        "every_months": 3,
        "legal_basis": "Better Care Fund policy framework (NHS England)",
        "next_due": "2027-01-01",
        "inferred": {"next_due": "chosen for the demo"},
        "author": None,
    },
    {
        "body": "hwb",
        "title": "Better Care Fund year-end return",
        "every_months": 12,
        "legal_basis": "Better Care Fund policy framework (NHS England)",
        "next_due": "2027-05-01",
        "inferred": {"next_due": "chosen for the demo"},
        "author": None,
    },
]

# National deadlines on the forward plan, set by the next planned row of each
# duty a number of days before its meeting (the seed packs hold none: chosen
# for the demo, so one falls before the meeting it is planned for).
PLANNED_DEADLINES = [
    {
        "body": "hwb",
        "title": "Better Care Fund quarterly return",
        "days_before_meeting": 12,
        "deadline_source": "NHS England: Better Care Fund quarterly reporting template",
        "inferred": {"statutory_deadline": "chosen for the demo"},
    },
    {
        "body": "hwb",
        "title": "Better Care Fund plan",
        "days_before_meeting": 10,
        "deadline_source": "NHS England: Better Care Fund planning submission",
        "inferred": {"statutory_deadline": "chosen for the demo"},
    },
]

# A decision the Better Care Fund's national deadline would not let wait for
# the board: a chair's action on the next quarterly return, taken on the day
# the demo is loaded and reported to the next meeting for ratification. The
# seed packs hold none; the words follow Coventry's reports to the board.
BETWEEN_MEETINGS = [
    {
        "body": "hwb",
        "kind": "chairs_action",
        "planned": "Better Care Fund quarterly return",
        "title": "Better Care Fund quarterly return",
        "decision": "(1) The Better Care Fund quarterly return be approved for "
        "submission to NHS England.\n(2) The Director of Adult Services and "
        "Housing be asked to report the return to the next meeting of the Board "
        "for ratification.",
        "reasons": "NHS England's deadline for the quarterly return falls before "
        "the Board's next meeting. The Board signs the return off, and a late "
        "return puts the Fund's assurance at risk.",
        "options_considered": "Submitting the return unapproved, marked 'subject "
        "to Board approval', which NHS England accepts only by exception.",
        "consultation": "The Director of Adult Services and Housing and the "
        "Coventry and Warwickshire Integrated Care Board's Chief Finance Officer "
        "recommended approval; the Deputy Chair agreed.",
        "taken_by": "caan",
        "inferred": "chosen for the demo",
    },
]

# Reports written on the council's template. Item 6 of 8 July 2019, verbatim
# (seed 000 L470-519). The seed names two authors, James Harrison and Jim Crawshaw;
# only Jim Crawshaw is among PEOPLE, so only he is linked.
REPORTS = [
    {
        "meeting": "hwb-2019-07-08",
        "item": 6,
        "title": "Housing and Homelessness One Coventry Approach",
        "presented_by": "Report and presentation of Jim Crawshaw, Head of Housing",
        "authors": ["crawshaw"],
        "purpose": (
            "This paper provides background information about the Housing and "
            "Homelessness item and outlines the recommendations for that item."
        ),
        "recommendations": (
            "The Health and Wellbeing Board is asked to:\n"
            "1. Consider the impact of Housing and Homelessness issues on the wider "
            "health and wellbeing of Coventry residents.\n"
            "2. Endorse the development of greater partnership working on Housing and "
            "Homelessness issues.\n"
            "3. Contribute to the creation of a city-wide 'One Coventry' Housing and "
            "Homelessness Strategy, and the Rough Sleeping Strategy."
        ),
        "background": (
            "The Housing and Homelessness Strategy 2019-2024 was adopted by Coventry "
            "City Council on 19 March 2019 following a period of consultation with "
            "partners and service users in winter 2018/19. The Strategy and the "
            "associated Action Plan are now being implemented by the Council with "
            "support from existing partners.\n\n"
            "It has been noted that the current strategy and action plan largely "
            "relates to Council activity, with all actions assigned to internal "
            "Council departments. There are opportunities to take a more overt One "
            "Coventry approach to the delivery of the Housing & Homelessness "
            "Strategy, which already requires partnership working between the "
            "Council, other public sector organisations, Registered Providers and the "
            "voluntary/community sector.\n\n"
            "At the same time the need to develop a Rough Sleeping strategy by winter "
            "2019 provides an opportunity to work with partners on a key issue facing "
            "the city."
        ),
    },
]

# The papers behind the agenda items, cut from the seed packs by the line ranges
# of their document maps (notes/seed-000.md and seed-004.md, section 0) and kept
# as PDFs in meetings/demo/papers/, built by scripts/demo_papers.py. The demo uploads
# them as an author would, so their text is read, indexed and searched, and the
# agenda packs are made of them. Item 6's report is written on the template
# (REPORTS above), so it has no paper of its own. Each document is (title, kind,
# first line, last line) of the meeting's seed.
PAPER_SEEDS = {
    "hwb-2019-07-08": "000_3eab4a38158b9d8c.txt",
    "cabinet-2019-10-29": "004_ab1e69ec03ab3d5a.txt",
}
PAPERS = [
    {
        "meeting": "hwb-2019-07-08",
        "item": 7,
        # Purpose and recommendations: seed 000 L535-547.
        "purpose": (
            "This paper reports on the outcomes of the public consultation on the "
            "Joint Health and Wellbeing Strategy proposals and presents an initial "
            "draft Health and Wellbeing Strategy for consideration and endorsement "
            "by the Board."
        ),
        "recommendations": (
            "The Health and Wellbeing Board is asked to:\n"
            "1. Note the Coventry Joint Strategic Needs Assessment Citywide Profile;\n"
            "2. Consider the outcomes of the public consultation on the Joint Health "
            "and Wellbeing Strategy proposals;\n"
            "3. Consider the comments on the consultation proposals from the "
            "Council's Scrutiny Coordination Committee;\n"
            "4. Consider and endorse the draft Coventry Health and Wellbeing Strategy "
            "2019-23; and\n"
            "5. Note the process and timeline for finalising, approving and adopting "
            "the Health and Wellbeing Strategy."
        ),
        "title": "Draft Coventry Joint Health and Wellbeing Strategy 2019-23",
        "presented_by": "Report and presentation of Liz Gaulton, Director of Public "
        "Health and Wellbeing",
        "documents": [
            ("Report", "report", 523, 702),
            ("Appendix 1: Coventry JSNA Citywide Profile 2019", "appendix", 704, 1593),
            (
                "Appendix 2: Coventry Health and Wellbeing Strategy 2019-2023, "
                "Have your say",
                "appendix",
                1597,
                1728,
            ),
            ("Appendix 3: HWS 2019-23 Consultation Report", "appendix", 1730, 2182),
            (
                "Appendix 4: Draft Coventry Health and Wellbeing Strategy 2019-2023",
                "appendix",
                2186,
                2423,
            ),
            (
                "Appendix 5: Equality and Consultation Analysis (ECA) Form",
                "appendix",
                2427,
                2648,
            ),
        ],
    },
    {
        "meeting": "hwb-2019-07-08",
        "item": 8,
        # A partnership's paper, not on the council's template: it has no
        # purpose or recommendations (seed 000 L2650-2752).
        "title": "Governance Arrangements for the Coventry and Warwickshire Health "
        "and Care Partnership",
        "presented_by": "Report of Professor Sir Chris Ham, Better Health, Better "
        "Care, Better Value",
        "documents": [("Report", "report", 2650, 2752)],
    },
    {
        "meeting": "hwb-2019-07-08",
        "item": 9,
        # Seed 000 L2772-2782 (recommendation 3's "section 5.2" is the seed's).
        "purpose": (
            "This paper updates the Health and Wellbeing Board on the outcomes of "
            "the Place Forum meeting on 11 June 2019 and informs Board members about "
            "Year of Wellbeing activities and plans."
        ),
        "recommendations": (
            "The Health and Wellbeing Board is asked to:\n"
            "1. Note the outcomes of the Place Forum meeting held on 11 June;\n"
            "2. Note the ongoing activity as part of the Coventry and Warwickshire "
            "Year of Wellbeing 2019; and\n"
            "3. Support the recommended actions for Health and Wellbeing Board "
            "partners (section 5.2) to further promote and progress the Year of "
            "Wellbeing 2019."
        ),
        "title": "Coventry and Warwickshire Place Forum and Year of Wellbeing 2019 "
        "Update",
        "presented_by": "Report of Liz Gaulton, Director of Public Health and "
        "Wellbeing",
        "documents": [
            ("Report", "report", 2756, 2875),
            ("Appendix 1: Place Plan rolling actions", "appendix", 2876, 2906),
        ],
    },
    {
        "meeting": "hwb-2019-07-08",
        "item": 10,
        # Seed 000 L2928-2938.
        "purpose": (
            "This paper updates the Health and Wellbeing Board on the evaluation of "
            "the Multiple Complex Needs programme within Coventry and informs Board "
            "members about plans for future governance."
        ),
        "recommendations": (
            "The Health and Wellbeing Board is asked to:\n"
            "1. Note the findings of the evaluation;\n"
            "2. Note the context around this work has changed significantly since "
            "the inception of the Multiple Complex Needs Board in 2016;\n"
            "3. Note the proposal for future governance of Multiple Complex Needs, "
            "including consideration of both the Operational Group and the Multiple "
            "Complex Needs Board."
        ),
        "title": "Multiple Complex Needs Evaluation and Future Governance",
        "presented_by": "Report of Chief Superintendent Mike O'Hara, West Midlands "
        "Police and Chair of Coventry Multiple Complex Needs Board",
        "documents": [
            ("Report", "report", 2912, 2996),
            (
                "Appendix: Multiple Complex Needs Programme in Coventry - Evaluation",
                "appendix",
                3000,
                3717,
            ),
        ],
    },
    {
        "meeting": "hwb-2019-07-08",
        "item": 11,
        # Seed 000 L3737-3744.
        "purpose": (
            "1.1 This paper will update on two projects co-funded by Better Care "
            "Fund (BCF) and Public Health-Insight (PH-I) and being delivered by two "
            "community organisations in Coventry."
        ),
        "recommendations": (
            "2.1 That the Health and Wellbeing Board endorse the work and the "
            "findings so far and support the development of a systemwide approach "
            "to mobilising community assets to improve health and wellbeing and "
            "reduce demand\n"
            "2.2 That individual board members consider their organisation's current "
            "relationship with the community and voluntary sector and how this might "
            "become more collaborative to unlock the support required to "
            "meaningfully embed prevention at scale"
        ),
        "title": "Community Projects Proof of Concept Evaluations",
        "presented_by": "Report of Valerie de Souza, Public Health Consultant",
        "documents": [
            ("Report", "report", 3721, 3788),
            (
                "Appendix: Proof of concept for Grapevine and Moat House Community "
                "Trust",
                "appendix",
                3792,
                4481,
            ),
        ],
    },
    {
        "meeting": "cabinet-2019-10-29",
        "item": 4,
        # Seed 004 L300 and L319-327: the cover sheet's summary and
        # recommendations.
        "purpose": (
            "This paper is being submitted as notification that The Coventry Youth "
            "Offending Service Youth Justice Plan has been agreed and signed off by "
            "its Statutory Partners, and to seek Council endorsement."
        ),
        "recommendations": (
            "The Cabinet is requested to:\n"
            "1) Recommend that the Council endorse the Youth Justice Plan.\n"
            "Council is requested to:\n"
            "1) Endorse the Youth Justice Plan."
        ),
        "title": "Youth Justice Plan",
        "presented_by": "Report of the Deputy Chief Executive (People)",
        "documents": [
            ("Report", "report", 270, 525),
            (
                "Appendix: Coventry Youth Offending Service Youth Justice Plan 2019-20",
                "appendix",
                527,
                1664,
            ),
        ],
    },
    {
        "meeting": "cabinet-2019-10-29",
        "item": 5,
        # Seed 004 L1693-1707: the executive summary's first paragraph, and
        # the recommendation.
        "purpose": (
            "The Council and the Clinical Commissioning Group have a statutory duty, "
            "through the Health and Wellbeing Board, to develop a Health and "
            "Wellbeing Strategy that sets out how they will address the health and "
            "well-being needs of local residents, as identified in the Joint "
            "Strategic Needs Assessment (JSNA)."
        ),
        "recommendations": (
            "The Cabinet is requested to:\n"
            "1) Approve the Coventry Health and Well-being Strategy"
        ),
        "title": "Coventry Health and Well-being Strategy",
        "presented_by": "Report of the Deputy Chief Executive (People)",
        "documents": [
            ("Report", "report", 1667, 1878),
            (
                "Appendix 1: Coventry Health and Wellbeing Strategy 2019-2023",
                "appendix",
                1880,
                2209,
            ),
            ("Appendix 2: Consultation Report", "appendix", 2211, 2665),
            (
                "Appendix 3: Equality and Consultation Analysis (ECA) Form",
                "appendix",
                2667,
                2887,
            ),
        ],
    },
]
