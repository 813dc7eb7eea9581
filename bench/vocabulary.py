"""Word lists and templates for ``bench/generate.py``.

Everything here is plain data (tuples of strings), in a fixed order: the generator's
output depends on these lists, so editing one changes every generated corpus. Headline
values are title case and never end in sentence punctuation; body values are the forms
used inside running text.

Headline templates use ``{kind}`` slots; ``{kind#2}`` is a second, different value of
the same kind; ``{kind:1}`` picks field 1 of a paired kind (``ccity`` is (city, country)).
Each kind's values are distinct even after case folding, and no value contains a
template's literal text, so different slot choices give different headlines. A paired
kind must show field 0 (the city), which tells its pairs apart; the generator refuses a
template that shows only the country.
"""

from __future__ import annotations

# Leaders and officials: (surname as used in headlines, full name, country or body,
# title). Heads of state and government of the region come first.
LEADERS = (
    ("Tokayev", "Kassym-Jomart Tokayev", "Kazakhstan", "President"),
    ("Mirziyoyev", "Shavkat Mirziyoyev", "Uzbekistan", "President"),
    ("Japarov", "Sadyr Japarov", "Kyrgyzstan", "President"),
    ("Rahmon", "Emomali Rahmon", "Tajikistan", "President"),
    ("Berdimuhamedov", "Serdar Berdimuhamedov", "Turkmenistan", "President"),
    ("Nazarbayev", "Nursultan Nazarbayev", "Kazakhstan", "First President"),
    ("Bektenov", "Olzhas Bektenov", "Kazakhstan", "Prime Minister"),
    ("Kosherbayev", "Yermek Kosherbayev", "Kazakhstan", "Foreign Minister"),
    ("Aripov", "Abdulla Aripov", "Uzbekistan", "Prime Minister"),
    ("Saidov", "Bakhtiyor Saidov", "Uzbekistan", "Foreign Minister"),
    ("Kasymaliev", "Adylbek Kasymaliev", "Kyrgyzstan", "Cabinet Chairman"),
    ("Kulubaev", "Jeenbek Kulubaev", "Kyrgyzstan", "Foreign Minister"),
    ("Rasulzoda", "Kokhir Rasulzoda", "Tajikistan", "Prime Minister"),
    ("Muhriddin", "Sirojiddin Muhriddin", "Tajikistan", "Foreign Minister"),
    ("Meredov", "Rashid Meredov", "Turkmenistan", "Foreign Minister"),
    ("Putin", "Vladimir Putin", "Russia", "President"),
    ("Lavrov", "Sergei Lavrov", "Russia", "Foreign Minister"),
    ("Mishustin", "Mikhail Mishustin", "Russia", "Prime Minister"),
    ("Xi", "Xi Jinping", "China", "President"),
    ("Li Qiang", "Li Qiang", "China", "Premier"),
    ("Wang Yi", "Wang Yi", "China", "Foreign Minister"),
    ("Erdoğan", "Recep Tayyip Erdoğan", "Türkiye", "President"),
    ("Fidan", "Hakan Fidan", "Türkiye", "Foreign Minister"),
    ("Aliyev", "Ilham Aliyev", "Azerbaijan", "President"),
    ("Bayramov", "Jeyhun Bayramov", "Azerbaijan", "Foreign Minister"),
    ("Trump", "Donald Trump", "the United States", "President"),
    ("Rubio", "Marco Rubio", "the United States", "Secretary of State"),
    ("Stufft", "Julie Stufft", "the United States", "Ambassador"),
    ("Rosenblum", "Daniel Rosenblum", "the United States", "Ambassador"),
    ("Lukashenko", "Alexander Lukashenko", "Belarus", "President"),
    ("Modi", "Narendra Modi", "India", "Prime Minister"),
    ("Jaishankar", "Subrahmanyam Jaishankar", "India", "External Affairs Minister"),
    ("Pezeshkian", "Masoud Pezeshkian", "Iran", "President"),
    ("Araghchi", "Abbas Araghchi", "Iran", "Foreign Minister"),
    ("Sharif", "Shehbaz Sharif", "Pakistan", "Prime Minister"),
    ("Khurelsukh", "Ukhnaagiin Khurelsukh", "Mongolia", "President"),
    ("Muttaqi", "Amir Khan Muttaqi", "Afghanistan", "Taliban Foreign Minister"),
    ("Macron", "Emmanuel Macron", "France", "President"),
    ("Merz", "Friedrich Merz", "Germany", "Chancellor"),
    ("Meloni", "Giorgia Meloni", "Italy", "Prime Minister"),
    ("Orbán", "Viktor Orbán", "Hungary", "Prime Minister"),
    ("Kallas", "Kaja Kallas", "the European Union", "High Representative"),
    ("Costa", "António Costa", "the European Union", "Council President"),
    ("O’Sullivan", "David O’Sullivan", "the European Union", "Sanctions Envoy"),
    ("Guterres", "António Guterres", "the United Nations", "Secretary-General"),
    ("Georgieva", "Kristalina Georgieva", "the IMF", "Managing Director"),
    ("Pashinyan", "Nikol Pashinyan", "Armenia", "Prime Minister"),
    ("Kobakhidze", "Irakli Kobakhidze", "Georgia", "Prime Minister"),
    ("Lee Jae-myung", "Lee Jae-myung", "South Korea", "President"),
    ("Al Thani", "Tamim bin Hamad Al Thani", "Qatar", "Emir"),
)

# (name, adjective, capital). Names never start with "the", so "{country}’s" reads well.
COUNTRIES = (
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Uzbekistan", "Uzbek", "Tashkent"),
    ("Kyrgyzstan", "Kyrgyz", "Bishkek"),
    ("Tajikistan", "Tajik", "Dushanbe"),
    ("Turkmenistan", "Turkmen", "Ashgabat"),
    ("Afghanistan", "Afghan", "Kabul"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Mongolia", "Mongolian", "Ulaanbaatar"),
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("Türkiye", "Turkish", "Ankara"),
    ("Iran", "Iranian", "Tehran"),
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Japan", "Japanese", "Tokyo"),
    ("South Korea", "Korean", "Seoul"),
    ("Georgia", "Georgian", "Tbilisi"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Belarus", "Belarusian", "Minsk"),
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("Italy", "Italian", "Rome"),
    ("Hungary", "Hungarian", "Budapest"),
    ("Qatar", "Qatari", "Doha"),
    ("Saudi Arabia", "Saudi", "Riyadh"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Israel", "Israeli", "Jerusalem"),
    ("Egypt", "Egyptian", "Cairo"),
)

CENTRAL_ASIA = ("Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan")

# Cities of the region, with their country: (city, country).
REGION_CITIES = (
    ("Astana", "Kazakhstan"), ("Almaty", "Kazakhstan"), ("Shymkent", "Kazakhstan"),
    ("Aktau", "Kazakhstan"), ("Atyrau", "Kazakhstan"), ("Karaganda", "Kazakhstan"),
    ("Aktobe", "Kazakhstan"), ("Pavlodar", "Kazakhstan"), ("Semey", "Kazakhstan"),
    ("Kostanay", "Kazakhstan"), ("Taraz", "Kazakhstan"), ("Turkistan", "Kazakhstan"),
    ("Oskemen", "Kazakhstan"), ("Kyzylorda", "Kazakhstan"), ("Uralsk", "Kazakhstan"),
    ("Tashkent", "Uzbekistan"), ("Samarkand", "Uzbekistan"), ("Bukhara", "Uzbekistan"),
    ("Khiva", "Uzbekistan"), ("Andijan", "Uzbekistan"), ("Namangan", "Uzbekistan"),
    ("Fergana", "Uzbekistan"), ("Navoi", "Uzbekistan"), ("Nukus", "Uzbekistan"),
    ("Termez", "Uzbekistan"), ("Karshi", "Uzbekistan"), ("Urgench", "Uzbekistan"),
    ("Kokand", "Uzbekistan"), ("Jizzakh", "Uzbekistan"),
    ("Bishkek", "Kyrgyzstan"), ("Osh", "Kyrgyzstan"), ("Karakol", "Kyrgyzstan"),
    ("Naryn", "Kyrgyzstan"), ("Jalal-Abad", "Kyrgyzstan"), ("Batken", "Kyrgyzstan"),
    ("Talas", "Kyrgyzstan"), ("Cholpon-Ata", "Kyrgyzstan"), ("Tokmok", "Kyrgyzstan"),
    ("Dushanbe", "Tajikistan"), ("Khujand", "Tajikistan"), ("Kulob", "Tajikistan"),
    ("Bokhtar", "Tajikistan"), ("Khorog", "Tajikistan"), ("Istaravshan", "Tajikistan"),
    ("Panjakent", "Tajikistan"),
    ("Ashgabat", "Turkmenistan"), ("Turkmenbashi", "Turkmenistan"), ("Mary", "Turkmenistan"),
    ("Balkanabat", "Turkmenistan"), ("Dashoguz", "Turkmenistan"),
    ("Turkmenabat", "Turkmenistan"), ("Awaza", "Turkmenistan"),
)

# Cities elsewhere that the news from the region keeps visiting.
WORLD_CITIES = (
    "Moscow", "Beijing", "Ankara", "Istanbul", "Tehran", "Kabul", "Islamabad", "Washington",
    "Brussels", "Baku", "Tbilisi", "Kazan", "Urumqi", "Kashgar", "Ulaanbaatar", "Davos",
    "Geneva", "Vienna", "Berlin", "Paris", "Tokyo", "Seoul", "New Delhi", "Doha", "Riyadh",
    "Abu Dhabi", "Dubai", "London", "New York", "Minsk", "Yerevan", "Herat", "St. Petersburg",
)

# Actors that Central Asia balances between (one name each, no capital beside its country).
POWERS = (
    "Russia", "China", "the West", "the United States", "the EU", "Türkiye", "Iran", "India",
    "the Gulf States", "Japan", "South Korea", "Pakistan",
)

# Capitals whose "vector" a region engages: "{capital}’s Central Asia Vector".
VECTOR_CAPITALS = (
    "Washington", "Moscow", "Beijing", "Brussels", "Ankara", "Tokyo", "Seoul", "New Delhi",
    "Tehran", "Berlin", "Paris", "Abu Dhabi", "Riyadh", "Islamabad",
)

# (abbreviation for headlines, name in running text)
INSTITUTIONS = (
    ("CSTO", "the Collective Security Treaty Organization"),
    ("SCO", "the Shanghai Cooperation Organization"),
    ("BRICS", "BRICS"),
    ("EU", "the European Union"),
    ("OSCE", "the Organization for Security and Co-operation in Europe"),
    ("EAEU", "the Eurasian Economic Union"),
    ("OTS", "the Organization of Turkic States"),
    ("UN", "the United Nations"),
    ("IMF", "the International Monetary Fund"),
    ("World Bank", "the World Bank"),
    ("ADB", "the Asian Development Bank"),
    ("EBRD", "the European Bank for Reconstruction and Development"),
    ("AIIB", "the Asian Infrastructure Investment Bank"),
    ("NATO", "NATO"),
    ("CIS", "the Commonwealth of Independent States"),
    ("CICA", "the Conference on Interaction and Confidence-Building Measures in Asia"),
    ("WTO", "the World Trade Organization"),
    ("IAEA", "the International Atomic Energy Agency"),
    ("ECO", "the Economic Cooperation Organization"),
    ("OIC", "the Organisation of Islamic Cooperation"),
    ("UNESCO", "UNESCO"),
    ("FAO", "the Food and Agriculture Organization"),
    ("IFC", "the International Finance Corporation"),
    ("EIB", "the European Investment Bank"),
    ("C5+1", "the C5+1 diplomatic platform"),
    ("IsDB", "the Islamic Development Bank"),
)

# (headline form, form used inside a sentence); always usable as a modifier:
# "Uranium Strategy", "uranium exports", "cooperation on uranium".
TOPICS = (
    ("Energy", "energy"), ("Uranium", "uranium"), ("Railway", "railway"),
    ("Water", "water"), ("Wheat", "wheat"), ("Sanctions", "sanctions"),
    ("Migration", "migration"), ("Critical Minerals", "critical minerals"),
    ("Middle Corridor", "Middle Corridor"), ("Nuclear Energy", "nuclear energy"),
    ("Hydropower", "hydropower"), ("Rare Earth", "rare earth"), ("Gas Export", "gas export"),
    ("Oil Transit", "oil transit"), ("Cotton", "cotton"), ("Trade", "trade"),
    ("Tourism", "tourism"), ("Digital Economy", "digital economy"),
    ("AI", "artificial intelligence"), ("Food Security", "food security"),
    ("Climate", "climate"), ("Glacier", "glacier"), ("Aral Sea", "Aral Sea"),
    ("Labor Migration", "labor migration"), ("Remittance", "remittance"),
    ("Border Security", "border security"), ("Counter-Narcotics", "counter-narcotics"),
    ("Media Freedom", "media freedom"), ("Education", "education"),
    ("Healthcare", "healthcare"), ("Banking", "banking"), ("Inflation", "inflation"),
    ("Currency", "currency"), ("Logistics", "logistics"), ("Transit", "transit"),
    ("Pipeline", "pipeline"), ("Solar Power", "solar power"), ("Wind Power", "wind power"),
    ("Green Hydrogen", "green hydrogen"), ("Coal", "coal"), ("Copper", "copper"),
    ("Gold", "gold"), ("Lithium", "lithium"), ("Tungsten", "tungsten"),
    ("Fertilizer", "fertilizer"), ("Irrigation", "irrigation"),
    ("Agriculture", "agriculture"), ("Livestock", "livestock"), ("Aviation", "aviation"),
    ("Space", "space"), ("Cybersecurity", "cybersecurity"),
    ("Anti-Corruption", "anti-corruption"), ("Privatization", "privatization"),
    ("Investment", "investment"), ("Religious Freedom", "religious freedom"),
    ("Women’s Rights", "women’s rights"), ("Election", "election"),
    ("Constitutional Reform", "constitutional reform"), ("Judicial Reform", "judicial reform"),
    ("Civil Society", "civil society"), ("Diaspora", "diaspora"), ("Visa", "visa"),
    ("Water-Sharing", "water-sharing"), ("Security", "security"), ("Defense", "defense"),
    ("Counterterrorism", "counterterrorism"), ("Customs", "customs"),
    ("E-Commerce", "e-commerce"), ("Fintech", "fintech"), ("Pension", "pension"),
    ("Housing", "housing"), ("Public Health", "public health"), ("Air Quality", "air quality"),
    ("Desertification", "desertification"), ("Biodiversity", "biodiversity"),
    ("Snow Leopard", "snow leopard"), ("Heritage", "heritage"), ("Language", "language"),
    ("Youth Employment", "youth employment"), ("Infrastructure", "infrastructure"),
    ("Road", "road"), ("Port", "port"), ("Grain", "grain"), ("Electricity", "electricity"),
    ("Power Grid", "power grid"), ("Oil", "oil"), ("Natural Gas", "natural gas"),
    ("Mining", "mining"), ("Steel", "steel"), ("Textile", "textile"),
    ("Automotive", "automotive"), ("Telecom", "telecom"), ("Satellite", "satellite"),
    ("Data Center", "data center"), ("Fisheries", "fisheries"),
    ("Caspian Shipping", "Caspian shipping"), ("Air Connectivity", "air connectivity"),
    ("Higher Education", "higher education"), ("Silk Road", "Silk Road"),
    ("Tax", "tax"), ("Sovereign Wealth", "sovereign wealth"), ("Payments", "payments"),
)

# What a strategy is called: "{country}’s {topic} {plan}".
PLANS = (
    "Strategy", "Ambition", "Push", "Master Plan", "Gamble", "Dilemma", "Pivot", "Boom", "Bet",
    "Reform Drive", "Agenda", "Balancing Act", "Diplomacy", "Roadmap", "Overhaul", "Drive",
    "Program", "Initiative", "Model", "Vision",
)

# What a plan faces.
OBSTACLES = (
    "Headwinds", "New Scrutiny", "Delays", "Fresh Doubts", "Funding Gaps", "Russian Pressure",
    "Chinese Competition", "Sanctions Risks", "Public Backlash", "a Reality Check",
    "Water Shortages", "Skills Shortages", "Legal Challenges", "Budget Cuts",
    "Investor Caution", "Regional Rivalry", "Transit Bottlenecks", "Price Volatility",
    "Environmental Concerns", "Parliamentary Pushback", "Currency Pressures", "Logistics Snags",
    "Labor Shortages", "Border Frictions", "Security Concerns", "Its Toughest Test",
    "Growing Criticism", "Rising Costs", "Supply Disruptions", "Geopolitical Risks",
    "Climate Risks", "Corruption Allegations", "Bureaucratic Hurdles", "Weak Demand",
    "Tariff Threats", "Energy Shortfalls", "Tough Questions", "Local Opposition",
)

SIGNALS = (
    "Rising Stakes", "a Policy Shift", "Closer Ties", "New Pressure", "a Thaw",
    "Deeper Engagement", "Mounting Concern", "a Fresh Start", "Hard Bargaining",
    "Cautious Optimism", "a Cooling", "Renewed Interest",
)

# Visit taglines: "{titled}’s {city} Visit: {tagline}". The planted headline's
# "Peace is Not a Bridge Too Far" is deliberately absent; its near misses are here.
TAGLINES = (
    "Trade is Not a Bridge Too Far", "Peace Within Reach", "A Bridge Too Far",
    "Peace Through Trade", "A New Chapter", "Old Friends, New Terms", "Beyond Symbolism",
    "More Than a Photo Opportunity", "Small Steps, Big Stakes", "Minerals Over Rhetoric",
    "Business Before Politics", "The Long Road to Partnership", "Promises and Pipelines",
    "Pragmatism Wins", "A Test of Multi-Vector Diplomacy", "Deals, Not Declarations",
    "Back to Basics", "What Was Agreed", "Security First", "Water on the Agenda",
    "A Quiet Breakthrough", "High Hopes, Hard Facts", "Building Bridges",
    "The Art of Balance", "Peace is a Long Road", "Trust, but Verify",
)

DEALS = (
    "Agreements", "a Memorandum", "a Roadmap", "a Pact", "an Accord", "Investment Deals",
    "a Joint Declaration", "a Framework Agreement", "Supply Contracts", "a Strategic Partnership",
    "Loan Agreements", "a Free Trade Deal", "Customs Protocols", "Transit Agreements",
    "a Cooperation Plan", "Export Contracts", "a Water Deal", "a Visa Waiver",
)

EVENTS = (
    "Summit", "Forum", "Exhibition", "Conference", "Expo", "Talks", "Ministerial",
    "Roundtable", "Festival", "Business Forum", "Investment Forum", "Trade Fair",
    "Working Group", "Consultations", "Congress", "Week",
)

NATIONALITIES = tuple(adj for _, adj, _ in COUNTRIES) + ("European", "American", "Emirati")

GROUPS = (
    "Farmers", "Migrants", "Traders", "Students", "Investors", "Residents", "Doctors",
    "Teachers", "Truckers", "Herders", "Journalists", "Activists", "Entrepreneurs",
    "Pensioners", "Miners", "Engineers", "Bankers", "Exporters", "Tour Operators",
    "Rail Workers", "Scientists", "Lawmakers", "Retailers", "Shepherds", "Cotton Pickers",
)

ISSUES = (
    "Water Shortages", "Rising Prices", "Power Outages", "Border Closures", "Drought",
    "Flooding", "Inflation", "New Sanctions", "Visa Rules", "Mudflows", "a Heatwave",
    "Air Pollution", "Fuel Shortages", "Land Disputes", "Locust Swarms", "Grain Export Bans",
    "Currency Swings", "Rent Hikes", "Tariff Hikes", "Gas Shortages", "Crop Failures",
    "Migrant Deportations", "Internet Shutdowns", "Media Restrictions", "Dust Storms",
    "Glacier Melt", "Rail Bottlenecks", "Customs Delays", "Bank Card Limits",
    "Utility Price Hikes", "Earthquake Risks", "Avalanche Warnings", "a Cold Snap",
    "Labor Shortages", "Housing Costs", "a Measles Outbreak", "Landslides",
    "Coal Shortages", "Pasture Degradation", "Smog",
)

COMMODITIES = (
    "Wheat", "Uranium", "Gas", "Oil", "Cotton", "Gold", "Copper", "Fertilizer", "Electricity",
    "Coal", "Fruit", "Flour", "Steel", "Zinc", "Tungsten", "Silk", "Apricot", "Cherry",
    "Honey", "Meat", "Textile", "Car", "Cement", "Lithium", "Onion", "Melon",
)

BANNED = (
    "Sugar Exports", "Livestock Exports", "Fuel Exports", "Cryptocurrency Mining",
    "Plastic Bags", "Hunting", "Used Car Imports", "Coal Exports", "Grain Exports",
    "Fireworks", "Mass Gatherings", "Egg Exports", "Potato Exports", "Electronic Cigarettes",
    "Wooden Charcoal", "Online Casinos",
)

PROJECTS = (
    "Rogun Dam", "Qosh Tepa Canal", "TAPI Pipeline", "Kambarata-1 Plant",
    "Trans-Caspian Pipeline", "China–Kyrgyzstan–Uzbekistan Railway", "Baikonur Cosmodrome",
    "Khorgos Gateway", "Termez Hub", "Aktau Port Expansion", "Trans-Afghan Railway",
    "CASA-1000 Line", "Balkhash Nuclear Plant", "Kashagan Field", "Tengiz Expansion",
    "Karachaganak Field", "Galkynysh Gas Field", "Almalyk Copper Complex", "Muruntau Mine",
    "Kumtor Mine", "Navoi Solar Park", "Dostyk Crossing", "Bishkek Ring Road",
    "Aral Sea Restoration", "Darband-Kulob Road", "Kurpsai Plant", "Line D Pipeline",
    "Zhezkazgan Smelter", "Yashlar Gas Field", "Turkmenbashi Port",
)

STANCES = (
    "Abstain from Applying for", "Seek Observer Status in", "Deepen Its Role in",
    "Pause Talks on", "Fast-Track Its Bid for", "Review Its Terms of",
    "Stay Out of Full", "Push Reforms of", "Host the Next Round of Talks on",
    "Expand Its Voice in",
)

MOMENTUM = (
    "Gains Momentum", "Stalls", "Picks Up Speed", "Loses Steam", "Moves Forward",
    "Hits a Snag", "Returns to the Agenda", "Wins New Backers",
)

BALANCING = (
    "Crash Investigation", "Gas Dispute", "Border Talks", "Water Talks", "Port Deal",
    "Pipeline Dispute", "Transit Row", "Sanctions Probe", "Energy Talks", "Airline Dispute",
    "Grain Standoff", "Visa Row",
)

TROUBLES = (
    "Fighting", "Unrest", "Clashes", "Border Incidents", "Protests", "Tensions",
    "Strikes", "Shelling", "Airstrikes", "Sanctions",
)

ADJECTIVES = (
    "Geopolitical", "Diplomatic", "Strategic", "Symbolic", "Regional", "Economic",
    "Political", "Historic", "Pragmatic", "Cautious",
)

CONFLICTS = (
    "the Palestinian Conflict", "the War in Ukraine", "the Afghan Crisis", "Border Disputes",
    "Water Disputes", "Regional Tensions", "the Karabakh Question", "the Enclave Problem",
    "the Sanctions Standoff", "the Gas Price Dispute", "Extremism", "the Refugee Question",
)

NO_SOLUTIONS = (
    "Military", "Quick", "Easy", "Unilateral", "Short-Term", "Purely Technical",
    "Imposed", "Outside",
)

QUOTES = (
    "Common-Sense", "Multi-Vector", "Strategic Patience", "Win-Win", "Open Door",
    "Zero Tolerance", "Good Neighbor", "Silk Road Spirit", "Pragmatic", "Hands-Off",
    "People-First", "Listening State", "Fair Play", "Quiet Diplomacy",
)

POLICIES = (
    "Governance", "Diplomacy", "Economic Policy", "Trade Policy", "Leadership",
    "Security Doctrine", "Reform Agenda", "Foreign Policy",
)

BACKINGS = (
    "U.S.-Led Peace Initiatives", "Regional Water Talks", "a New Trade Corridor",
    "Closer Security Ties", "the Middle Corridor", "Joint Energy Projects",
    "Nuclear Non-Proliferation", "UN Reform", "Afghan Reconstruction", "Free Trade Talks",
    "Caspian Cooperation", "Climate Finance",
)

MEASURES = (
    "Reform", "Subsidies", "Incentives", "Quotas", "Oversight", "Licensing", "Tax Breaks",
    "Price Caps", "Audits", "Modernization", "Restructuring", "Safeguards", "Tariffs",
    "Digitalization", "Financing",
)

ROLES = (
    "Ex-Minister", "Former Mayor", "Bank Chief", "Customs Officials", "Blogger",
    "Businessman", "Former Governor", "Police Officers", "Judge", "Tax Officials",
    "Activist", "Journalist", "Deputy Minister", "Border Guards",
)

CASES = (
    "Bribery", "Embezzlement", "Fraud", "Smuggling", "Treason", "Extremism",
    "Money Laundering", "Land Fraud", "Abuse of Office", "Tax Evasion", "Protest",
)

FIXES = (
    "a Rethink", "More Funding", "Clear Rules", "Public Trust", "Regional Partners",
    "Independent Oversight", "a Longer View", "Private Capital", "Better Data",
    "Local Ownership", "Political Will", "Fewer Promises",
)

DISASTERS = (
    "Floods", "Mudflows", "Earthquake", "Wildfires", "Landslides", "Heavy Snow",
    "Drought", "Avalanches", "Storm", "Hailstorm",
)

CONSEQUENCES = (
    "Thousands Displaced", "Villages Cut Off", "Crops Ruined", "Roads Destroyed",
    "Hundreds Homeless", "Power Lines Down", "Herds Lost", "Schools Closed",
    "Bridges Washed Away", "Farmers Counting Losses",
)

AMOUNTS = (
    "$25 Million", "$40 Million", "$50 Million", "$75 Million", "$100 Million",
    "$120 Million", "$150 Million", "$200 Million", "$250 Million", "$300 Million",
    "$350 Million", "$400 Million", "$500 Million", "$600 Million", "$750 Million",
    "$1 Billion", "$1.2 Billion", "$1.5 Billion", "$2 Billion", "$3 Billion",
)

GOALS = (
    "Become a Regional Transit Hub", "Double Exports", "Attract Foreign Investors",
    "End Power Shortages", "Feed Its Own Market", "Win Back Tourists",
    "Cut Its Reliance on Russia", "Build a Tech Sector", "Save the Aral Sea",
    "Modernize Its Railways", "Keep Its Young People", "Clean Up Its Air",
    "Join the WTO", "Electrify Its Villages", "Reform Its Banks", "Go Green",
)

SEASONS = ("Winter", "Spring", "Summer", "Autumn", "Harvest Season", "Ramadan", "Nowruz")

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)

YEARS = tuple(str(y) for y in range(2025, 2041))  # "by {year}", "in May {year}"

PERIODS = (
    "the First Quarter", "the Second Quarter", "the Third Quarter", "the Fourth Quarter",
    "the First Half", "January–March", "January–June", "January–September",
) + tuple(str(y) for y in range(2012, 2027))

HEADLINE_TEMPLATES = (
    "{leader} Meets {leader#2} in {city}",
    "{leader} and {leader#2} Discuss {topic} Cooperation in {city}",
    "{country}’s {topic} {plan} Faces {obstacle}",
    "Can {ca} Bridge the {topic} Gap Between {power} and {power#2}?",
    "{inst} Leaders Tackle {topic}, {topic#2}, and {topic#3} Concerns",
    "{titled}’s {city} Visit: {tagline}",
    "How {leader_land} Bridges {power} and {power#2} on {topic}",
    "{country} Decides to {stance} {inst} Membership",
    "Breaking Old Ties: {ca}’s Delicate Dance Between {power} and {power#2}",
    "{adjective} Posturing or Genuine Partnership? Key Takeaways from {leader}’s Trip to {country}",
    "{country} and {country#2}: An Overview of {topic} Cooperation",
    "{nationality} {group} to Hold {event} in {city}",
    "{leader_poss}: No {no_solution} Solution to {conflict}",
    "{inst} Envoy’s {nationality} Visit Signals {signal}",
    "{country}’s High-Stakes Balancing Act in the {ccity:0} {balancing}",
    "New {trouble} in {country} Throws {city} Talks Off Track",
    "{topic} {momentum} as {power} Courts {ca}",
    "{ccity:0} and {ccity#2:0} Engage {vector}’s Central Asia Vector",
    "{titled} Highlights {topic}, {topic#2}, and {topic#3} Ties",
    "{leader} Praises {leader#2}’s ‘{quote}’ {policy}, Backs {backing}",
    "{ccity:1} Plans New {topic} Hub in {ccity:0} by {year}",
    "{country} Reports Record {commodity} Exports in {period}",
    "{inst} Warns {country} Over {issue}",
    "{country} Bans {banned} Amid {issue}",
    "Why {country}’s {topic} {plan} Matters for {ca}",
    "In {ccity:0}, {group} Brace for {issue}",
    "{country} Eyes {topic} Deal With {country#2} as {leader} Visits {city}",
    "{titled} Signs Decree on {topic} {measure}",
    "{ccity:1} Court Sentences {role} in {ccity:0} {case} Case",
    "Opinion: {country}’s {topic} Policy Needs {fix}",
    "{ccity:0} Region Counts Losses After {disaster}: {consequence}",
    "{inst} Approves {amount} for {ccity:0} {topic} Project",
    "{country} and {country#2} Sign {deal} on {topic} in {city}",
    "{titled} Arrives in {city} for {topic} {event}",
    "{leader} Calls for {topic} {measure} at {inst} Summit in {city}",
    "{ca} and {power}: {topic} Ties Enter a New Phase",
    "Inside {country}’s Push to {goal}",
    "{ccity:0} to Host {inst} {event} in {month} {year}",
    "{group} in {ccity:0} Face {issue} as {season} Nears",
    "What {leader}’s {city} Visit Means for {topic} and {topic#2}",
    "{country} Turns to {power} for {topic} Financing",
    "{inst} Mission Reviews {country}’s {topic} {plan}",
    "{project}: {country} and {country#2} Revisit {topic} Terms",
    "{titled} Inspects {project} as {topic} {plan} Advances",
    "{country}’s {commodity} Exports to {country#2} Hit a Record in {period}",
    "Is {ca} Ready for {topic} {measure}? {group} Weigh In",
)

# ---------------------------------------------------------------------------------------
# Bodies. Sentence templates are str.format strings over the article's context:
#   leader, leader_desc, leader2_desc   "Tokayev", "Kazakh President Kassym-Jomart Tokayev"
#   country, country2, nat, capital     "Kazakhstan", "Uzbekistan", "Kazakh", "Astana"
#   city, city2, inst, inst_full, power, project, company, ministry, source
#   topic, topic2, topic3, commodity, group, issue   (lower-case running-text forms;
#   Group, Power and Inst_full are capitalised for the start of a sentence)
# and numbers drawn per sentence: month, day, year, year2, amount, amount_m, pct, count,
# qty, num_word, ordinal. Every sentence ends with a full stop.

# Adjectives for leaders' countries that are not in COUNTRIES.
LEADER_ADJECTIVES = (
    ("the United States", "U.S."), ("the European Union", "EU"), ("the United Nations", "UN"),
    ("the IMF", "IMF"),
)

SOURCES = (
    "Kazinform", "Akorda", "Kun.uz", "Gazeta.uz", "24.kg", "Kaktus.media", "Asia-Plus",
    "Orda.kz", "Trend", "Interfax", "Reuters", "AKIpress", "Daryo", "UzDaily", "Tengrinews",
    "Turkmenistan Today", "Xinhua", "TASS", "Khovar", "Kursiv", "Vlast.kz", "Podrobno.uz",
    "the Kabar news agency", "the Dunyo news agency", "Azattyq", "Eurasianet",
)

COMPANIES = (
    "Kazatomprom", "KazMunayGas", "Samruk-Kazyna", "Uzbekneftegaz", "Navoi Mining",
    "Almalyk MMC", "Turkmengaz", "Kyrgyzaltyn", "Barqi Tojik", "Air Astana",
    "Uzbekistan Airways", "Kazakhstan Temir Zholy", "Uzbekistan Railways", "CNPC", "Rosatom",
    "Gazprom", "Lukoil", "TotalEnergies", "Chevron", "Orano", "ACWA Power", "Masdar",
    "Kaspi.kz", "Halyk Bank", "Beeline", "Tethys Petroleum", "Eurasian Resources Group",
    "Kazakhmys", "Tajik Aluminum Company", "Dragon Oil", "Siemens Energy", "Hyundai",
)

MINISTRIES = (
    "Ministry of Energy", "Ministry of Foreign Affairs", "Ministry of Economy",
    "Ministry of Agriculture", "Ministry of Transport", "Ministry of Finance",
    "Ministry of Trade and Integration", "Ministry of Water Resources",
    "Ministry of Industry and Construction", "Ministry of Digital Development",
    "Ministry of Ecology", "Ministry of Health", "Ministry of Labor", "Ministry of Defense",
    "Ministry of Investment", "Ministry of Culture",
)

PHOTO_CREDITS = (
    "Akorda", "President.uz", "Press service of the President of Kyrgyzstan", "TCA",
    "Wikimedia Commons", "Depositphotos", "Kremlin.ru", "MFA of Kazakhstan", "UN Photo",
    "Khovar", "Turkmenistan Today", "Pexels",
)

NUM_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen",
    "more than 20", "nearly 30",
)

ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "first", "latest")

LEAD_SENTENCES = (
    "On {month} {day}, {leader_desc} arrived in {city} for talks on {topic} cooperation and regional security.",
    "{leader_desc} has called for closer {topic} cooperation between {country} and {country2}.",
    "{city} hosted a meeting of {inst_full}, gathering officials from across the region to discuss {topic} and {topic2} issues.",
    "{country} is seeking to expand its role in the {topic} sector, which officials in {capital} describe as a national priority.",
    "According to {source}, the government of {country} has approved a new {topic} program worth ${amount_m} million.",
    "Officials in {city} confirmed on {month} {day} that work on the {project} would continue despite {issue}.",
    "{country} and {country2} have agreed to step up {topic} cooperation, {source} reports.",
    "The {topic} agenda has moved to the center of relations between {country} and {power}.",
    "On {month} {day}, a telephone conversation took place between {leader_desc} and {leader2_desc}.",
    "{leader_desc} has signed a decree on {topic} policy, the presidential press service reported on {month} {day}.",
    "Delegations from {country} and {country2} met in {city} this week to finalize a roadmap on {topic} cooperation.",
    "The {nat} government has unveiled plans to overhaul the country’s {topic} sector by {year2}.",
    "Amid the ongoing reshaping of the global order, {country} is seeking to strengthen its position in the {topic} sector.",
    "For many years, {country}’s relations with {country2} were shaped by {topic} interests rather than by politics.",
    "{Group} in {city} say they are struggling to cope with {issue} this year.",
    "{inst_full} has released a new assessment of the {topic} sector in Central Asia, warning of risks ahead.",
)

SENTENCES = (
    "Trade turnover between {country} and {country2} reached ${amount} billion in {year}, up {pct}% year on year.",
    "“We are ready to deepen {topic} and {topic2} cooperation,” {leader} said, according to {source}.",
    "Analysts in {city2} noted that {country} has long sought to balance relations with Russia, China and the West.",
    "The {ministry} of {country} said the first stage of the project would be completed by {year2}.",
    "{company} is expected to play a leading role in the initiative.",
    "Experts warn that {issue} could slow progress unless new funding is secured.",
    "Local {group} told {source} that they had yet to see the benefits of the reforms.",
    "The agreement also covers {topic2} and {topic3} projects, as well as the training of specialists.",
    "Officials said {num_word} documents were signed during the visit, covering {topic} and {topic2} projects as well as transport.",
    "In {year}, {country} exported {qty} thousand tonnes of {commodity}, according to official data.",
    "The initiative is part of a broader effort to diversify the economy away from raw materials.",
    "Critics, however, say the plans lack transparency and public consultation.",
    "{Inst_full} has repeatedly urged the region's governments to coordinate their {topic} policies.",
    "Since {year}, {country} has attracted more than ${amount} billion in foreign direct investment.",
    "The talks in {city} were the {ordinal} such meeting this year.",
    "{leader} also met representatives of the business community, including executives from {company}.",
    "Observers say the visit signals a shift in {country}'s approach to {topic} policy.",
    "The two sides discussed the {project}, which has faced repeated delays since {year}.",
    "According to the {ministry}, about {pct}% of the money set aside for {topic} projects remains unspent.",
    "Residents of {city} have complained about {issue} for several years.",
    "{country2} has offered technical assistance and concessional loans worth ${amount_m} million.",
    "The program envisages the creation of {count} thousand new jobs by {year2}.",
    "Speaking at the forum, {leader_desc} stressed that {topic} cooperation must remain a priority for the whole of Central Asia.",
    "The document sets out measures to improve {topic} regulation and attract private investment.",
    "At the same time, {country} remains dependent on {power} for much of the technology its {topic} sector needs.",
    "Earlier this year, {country} and {country2} launched a joint working group on {topic} issues.",
    "Government figures show that {issue} affected more than {count} thousand households last year.",
    "The {project} is expected to cost about ${amount} billion.",
    "Diplomats in {capital} say the timing of the announcement was not accidental.",
    "Neither side disclosed the financial terms of the deal.",
    "The move was welcomed by {inst_full}, which called it an important step.",
    "{country} has also signaled interest in regional {topic} initiatives backed by {power}.",
    "According to {source}, {company} plans to invest ${amount_m} million in {city} over the next {num_word} years.",
    "The decision follows months of negotiations between {capital} and {city2}.",
    "“The talks were constructive and forward-looking,” {leader} told reporters.",
    "The region’s {topic} sector has grown rapidly, but bottlenecks remain.",
    "Rail freight along the Middle Corridor rose by {pct}% in {year}, according to {source}.",
    "The {nat} side proposed setting up a joint fund for {topic} projects.",
    "Independent economists point out that {issue} could erode the gains of recent years.",
    "Some {group} fear that the changes will mainly benefit large companies.",
    "Questions of {topic} policy were also raised at the {inst} meeting in {city2} in {month}.",
    "Water from the Amu Darya and Syr Darya rivers remains a source of tension in the region.",
    "{country}'s parliament is expected to ratify the agreement before the end of {year2}.",
    "A similar project in {city2} was suspended in {year} after a dispute over costs.",
    "The visit was {leader}’s {ordinal} trip to {country2} since taking office.",
    "Officials expect {commodity} output to grow by {pct}% this year.",
    "The sides also agreed to simplify customs procedures at the border.",
    "{Power} has been watching these developments closely.",
    "Human rights groups have urged the authorities to consult civil society on the reforms.",
    "The government has promised to publish a detailed plan by {month}.",
    "{company} said it had completed a feasibility study for the {project}.",
    "This is not the first time {country} has tried to reform its {topic} policy.",
    "Tourist arrivals in {city} increased by {pct}% in the first half of {year}.",
    "The memorandum was signed on the sidelines of the {inst} summit.",
    "In {month}, prices for {commodity} on the domestic market rose by {pct}%.",
    "Regional leaders have described {topic} cooperation as a shared challenge that no country can meet alone.",
)

CAPTIONS = (
    "{leader_desc} meets {leader2_desc} in {city}; image: {photo}",
    "{city}, {country}; image: {photo}",
    "Delegations at the {inst} meeting in {city}; image: {photo}",
    "{leader_desc} at a press conference in {capital}; image: {photo}",
    "The {project}; image: {photo}",
)

CAPTION_WIDTHS = ("794", "794", "794", "1024", "800", "640")

SUBHEADS = (
    "{country} Pushes Back", "What {leader} Said", "A Question of Water", "Money Talks",
    "The Road Ahead", "Risks and Rewards", "The Russian Factor", "The China Question",
    "Regional Reactions", "What Comes Next", "Trade and Transport", "A Long History",
)
