import type { OrganisationType } from "../../features/organisations-and-users/domain";
import type { ItemCategory } from "../../features/records/domain";

/**
 * Word lists for the synthetic data generator (`safeshare seed-synthetic`): the mix of names a
 * partnership in England and Wales actually holds, with the accents, apostrophes, spaces and
 * hyphens that name search must cope with. Lists are roughly in order of how common the names are;
 * the generator picks from the front more often, so some surnames are shared by thousands of people.
 * Everything here is fictional.
 */

export const FAMILY_NAMES = [
  // English and Scottish
  ...["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson"],
  ...["Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel"],
  ...["Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker"],
  ...["Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young"],
  ...["Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller"],
  ...["MacDonald", "Campbell", "Stewart", "McKenzie", "Fraser", "O'Neill", "Lloyd-Davies", "Smith-Jones", "Ashworth", "Fairbairn"],
  // Welsh
  ...["Pryce", "Llewellyn", "ap Rhys", "Gruffudd", "Bowen", "Powell", "Vaughan", "Pritchard", "Rees", "Jenkins", "Owen", "Parry"],
  // Irish
  ...["Ní Bhriain", "Ó Briain", "O'Connor", "Ó Súilleabháin", "Ní Dhomhnaill", "Mac Giolla Phádraig", "Byrne", "Walsh", "McCarthy"],
  ...["O'Sullivan", "Ó Ceallaigh", "Nic Aodha", "Doyle", "Gallagher", "Ó Conaill", "Quinn", "Brennan", "Fitzgerald"],
  // Polish
  ...["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowska", "Zieliński", "Szymańska"],
  ...["Woźniak", "Dąbrowski", "Kozłowski", "Jankowska", "Mazur", "Krawczyk", "Grabowski", "Pawłowska", "Michalski"],
  // South Asian
  ...["Khan", "Hussain", "Ahmed", "Begum", "Ali", "Singh", "Shah", "Chaudhry", "Iqbal", "Rahman", "Kaur", "Sharma", "Mahmood"],
  ...["Islam", "Chowdhury", "Akhtar", "Bibi", "Miah", "Uddin", "Hossain", "Mistry", "Gill", "Sandhu", "Choudhury", "Nair"],
  ...["Raman", "Chandran", "Qureshi", "Siddiqui", "Malik", "Bhatt", "Desai", "Joshi", "Kapoor", "Mehta"],
  // African and Caribbean
  ...["Okafor", "Adeyemi", "Mensah", "Osei", "Okonkwo", "Adebayo", "Boateng", "Owusu", "Nwosu", "Abiodun", "Mohamud", "Hassan"],
  ...["Grant", "Francis", "Reid", "Henry", "Samuels"],
  // Other European, East Asian, Middle Eastern
  ...["Martínez", "García", "Müller", "Dubois", "Popescu", "Kovács", "Rossi", "Silva", "Santos", "Ionescu", "Łukasiewicz"],
  ...["Petrović", "Horváth", "Novák", "Nguyễn", "Trần", "Ng", "Chen", "Wang", "Li", "Yılmaz", "Demir", "Haddad", "Abdullah"],
];

export const GIVEN_NAMES_FEMALE = [
  ...["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Sophia", "Grace", "Freya", "Emily", "Poppy", "Ella"],
  ...["Evie", "Charlotte", "Sophie", "Jessica", "Hannah", "Emma", "Sarah", "Laura", "Rebecca", "Gemma", "Amy", "Kirsty"],
  ...["Zoë", "Chloé", "Siobhán", "Aoife", "Niamh", "Saoirse", "Caoimhe", "Síofra", "Róisín", "Éabha"],
  ...["Ffion", "Cerys", "Seren", "Megan", "Nia", "Carys", "Gwenllian", "Elin", "Lowri", "Angharad"],
  ...["Zofia", "Zuzanna", "Małgorzata", "Agnieszka", "Łucja", "Maja", "Hanna", "Wiktoria", "Joanna"],
  ...["Aisha", "Fatima", "Maryam", "Zainab", "Priya", "Ananya", "Aaliyah", "Nusrat", "Harpreet", "Simran", "Ayesha", "Sadia"],
  ...["Amara", "Chidinma", "Adaeze", "Ama", "Abena", "Folasade", "Inés", "Renée", "Anaïs", "Mei", "Linh", "Elif", "Ayşe", "Nour"],
];

export const GIVEN_NAMES_MALE = [
  ...["Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Jack", "Harry", "Oscar", "Charlie", "Jacob", "Freddie", "Thomas"],
  ...["James", "William", "Daniel", "Joshua", "Samuel", "Liam", "Ryan", "Callum", "Connor", "Jamie", "Lewis", "Kyle", "Dylan"],
  ...["Dafydd", "Rhys", "Gethin", "Iwan", "Osian", "Tomos", "Gruffydd", "Aled", "Emyr"],
  ...["Seán", "Oisín", "Cian", "Darragh", "Tadhg", "Ciarán", "Pádraig", "Éamon", "Colm"],
  ...["Jakub", "Szymon", "Mikołaj", "Łukasz", "Wojciech", "Kacper", "Filip", "Tomasz", "Paweł"],
  ...["Mohammed", "Mohammad", "Ibrahim", "Yusuf", "Zain", "Ayaan", "Arjun", "Rohan", "Aarav", "Harjit", "Gurpreet", "Hamza"],
  ...["Bilal", "Imran", "Emeka", "Chinedu", "Kwame", "Kofi", "Tunde", "José", "Joël", "Raphaël", "Minh", "Wei", "Mehmet", "Omar"],
];

/** Who most often tells this kind of organisation things, in the organisation's own words. */
export const SOURCE_NAMES = [
  ...["Class teacher", "Designated safeguarding lead", "Head teacher", "School nurse", "Health visitor", "Midwife", "GP"],
  ...["Emergency department", "PC Evans, Westshire Police", "Neighbour", "Mother", "Father", "Grandparent", "The child"],
  ...["Social worker", "Family support worker", "Housing officer", "Youth worker", "Anonymous caller"],
];

/** What each kind of organisation mostly records: half of its items are in this category. */
export const MAIN_CATEGORY: Record<OrganisationType, ItemCategory> = {
  school: "education",
  police: "police",
  health_trust: "health",
  gp_practice: "health",
  childrens_social_care: "social_care",
  early_help: "family_circumstances",
  voluntary_community: "family_circumstances",
  other: "other",
};

/** How many records each kind of organisation holds, relative to the others. */
export const RECORDS_WEIGHT: Record<OrganisationType, number> = {
  childrens_social_care: 6,
  police: 5,
  health_trust: 5,
  gp_practice: 2,
  school: 2,
  early_help: 2,
  voluntary_community: 1,
  other: 2,
};

/**
 * The organisations whose children's files are kept from the case's closure (docs/domain.md §7: a
 * council's child protection record, closure + 35 years; an early help record, closure + 6), with how
 * many years back their closed cases go: a council's records span decades, early help is recent.
 */
export const CLOSED_CASE_YEARS: Partial<Record<OrganisationType, number>> = {
  childrens_social_care: 40,
  early_help: 7,
};

/** Item texts by category, the same number for each (the generator indexes them arithmetically). */
export const ITEM_TEXTS: Record<ItemCategory, readonly string[]> = {
  education: [
    "Attendance this term is 84%, with six unexplained absences.",
    "Arrived at school without breakfast and said there was no food at home.",
    "Has become withdrawn in class and no longer plays with friends at break.",
    "Parent did not attend the planned meeting about attendance.",
    "Teacher thinks the recent change in behaviour may be linked to events at home.",
    "Came to school with a bruise on the left forearm; said they fell off a bike.",
  ],
  health: [
    "Missed two health visitor appointments; no response to letters.",
    "Immunisations up to date at the 12-month review.",
    "Attended the emergency department with a burn to the hand; explanation consistent with the injury.",
    "Health visitor is worried about weight loss since the last review.",
    "Mother disclosed low mood at the antenatal appointment.",
    "Dental decay noted; not registered with a dentist.",
  ],
  police: [
    "Police attended a reported domestic incident at the family home; children present.",
    "Neighbour reported shouting and a door being broken late at night.",
    "Adult in the household arrested for assault; released under investigation.",
    "Missing episode reported; found safe the next morning.",
    "Officer believes the child is being groomed by older associates.",
    "Non-molestation order in place against a former partner.",
  ],
  social_care: [
    "Strategy discussion held; section 47 enquiry started.",
    "Child protection plan under the category of neglect agreed at conference.",
    "Home visit: the home was cold and there was little food.",
    "Social worker thinks the parents are not engaging with the plan.",
    "Child seen alone and spoke about feeling scared at home.",
    "Case stepped down to early help.",
  ],
  family_circumstances: [
    "Parents have separated; father has moved out.",
    "Family moved into temporary accommodation.",
    "Grandmother now provides most of the day-to-day care.",
    "Family worker thinks money worries are putting strain on the household.",
    "Older sibling has left home.",
    "A new partner has moved into the household.",
  ],
  housing: [
    "Family served a section 21 notice.",
    "Damp and mould reported in the children's bedroom.",
    "Rent arrears of about £1,200.",
    "Housing officer thinks the property is overcrowded.",
    "Family moved to a refuge.",
    "Housing application accepted in band B.",
  ],
  other: [
    "Referred to the young carers service.",
    "Attends a weekend football club.",
    "Volunteer mentor reports good engagement.",
    "Interpreter needed for meetings (Polish).",
    "Family attends the local food bank.",
    "Youth worker thinks the child is at risk of exploitation.",
  ],
};

/** Nicknames and short forms people are also known by, for aliases. */
export const KNOWN_AS = ["Bex", "Mo", "Jay", "Liv", "Millie", "Alfie", "Danny", "Tash", "Kaz", "Gosia", "Kuba", "Sid", "Ade", "Tee"];

export const STREETS = ["Larch", "Station", "Church", "Mill", "Victoria", "Park", "Queen's", "High", "Brook", "Meadow", "Coed", "Heol"];
export const STREET_KINDS = ["Road", "Street", "Close", "Lane", "Avenue", "Way", "Crescent", "Court"];
export const TOWNS = ["Northbrook", "Eastmoor", "Westshire Town", "Ashford Vale", "Little Hatton", "Caerwen", "Millbridge"];
