namespace Portal.Core.DemoData;

/// <summary>
/// Given and family names by origin, reflecting a large, diverse UK workforce. Within each list earlier
/// names are drawn more often, so the tail of each list yields the rare names that are easiest to search for.
/// </summary>
internal static class Names
{
    public sealed record Origin(string Label, double Weight, string[] Given, string[] Family);

    public static readonly Origin[] Origins =
    [
        new("English", 44,
            ["James", "Oliver", "Jack", "Harry", "George", "Thomas", "William", "Daniel", "Matthew", "Samuel", "Joseph", "Benjamin", "Luke", "Adam", "Chloé", "Emily", "Sophie", "Charlotte", "Hannah", "Jessica", "Lucy", "Emma", "Amy", "Laura", "Rebecca", "Zoë", "Eleanor", "Katherine", "Peter", "Michael", "Sarah", "Rachel", "Victoria", "Nathan", "Jo", "Mary-Anne"],
            ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Harrison", "Cooper", "Ward", "Turner", "Hughes", "Edwards", "Hill", "Moore", "Parker", "Bennett", "Fletcher", "Ashworth", "Pickering", "Whitmore", "Thistlethwaite", "Featherstonehaugh", "Smith-Jones", "Lloyd-Webber", "Huntington-Whiteley"]),
        new("Irish", 8,
            ["Seán", "Siobhán", "Aoife", "Niamh", "Ciarán", "Eoin", "Saoirse", "Pádraig", "Róisín", "Orla", "Declan", "Caoimhe"],
            ["Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill", "Walsh", "Doyle", "McCarthy", "Gallagher", "O'Sullivan", "Ó Súilleabháin", "Ní Bhriain", "Mac Giolla Phádraig", "Ó Briain", "Ní Dhomhnaill"]),
        new("Scottish", 5,
            ["Callum", "Euan", "Fraser", "Iona", "Isla", "Mhairi", "Hamish", "Eilidh", "Ruaridh", "Catriona"],
            ["MacDonald", "Campbell", "Stewart", "Robertson", "Fraser", "McKenzie", "MacLeod", "Buchanan", "Mac an t-Saoir", "Urquhart"]),
        new("Welsh", 4,
            ["Dafydd", "Rhiannon", "Siân", "Gethin", "Cerys", "Ffion", "Iwan", "Bethan", "Llŷr", "Gwenllian"],
            ["Jones", "Davies", "Evans", "Thomas", "Price", "Pryce-Jones", "ap Rhys", "Llewellyn", "Bowen", "Gruffydd"]),
        new("South Asian", 12,
            ["Mohammed", "Aarav", "Priya", "Gurpreet", "Harpreet", "Rajesh", "Sunita", "Imran", "Ayesha", "Fatima", "Arjun", "Deepa", "Sanjay", "Nadia", "Kiran", "Zain"],
            ["Patel", "Khan", "Singh", "Ahmed", "Hussain", "Shah", "Begum", "Ali", "Kaur", "Sharma", "Chaudhry", "Gill", "Iqbal", "Mistry", "Chakraborty", "Venkataraman", "Sandhu-Bains"]),
        new("West African", 5,
            ["Oluwaseun", "Chidi", "Ngozi", "Adebayo", "Funmilayo", "Kwame", "Ama", "Chiamaka", "Emeka", "Yetunde"],
            ["Okafor", "Adeyemi", "Mensah", "Okonkwo", "Eze", "Boateng", "Balogun", "Nwosu", "Oyelaran-Okafor", "Abiodun"]),
        new("Caribbean", 3,
            ["Marcus", "Tyrone", "Shanice", "Jermaine", "Keisha", "Delroy", "Marcia", "Winston"],
            ["Campbell", "Brown", "Francis", "Henry", "Thompson", "St Louis", "Grant", "Bailey"]),
        new("Polish and Central European", 5,
            ["Łukasz", "Małgorzata", "Tomasz", "Agnieszka", "Krzysztof", "Katarzyna", "Jiří", "Zuzana", "Wojciech", "Ewa"],
            ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowska", "Dvořák", "Szczęsny", "Grzegorzewska"]),
        new("Chinese", 2,
            ["Wei", "Mei", "Jun", "Li", "Xin", "Hui"],
            ["Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Cheung", "Lau"]),
        new("Vietnamese", 1,
            ["Lan", "Minh", "Anh", "Thảo", "Quang", "Hương"],
            ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"]),
        new("Turkish and Kurdish", 2,
            ["Mehmet", "Ayşe", "Emre", "Zeynep", "Çağla", "Deniz"],
            ["Yılmaz", "Öztürk", "Çelik", "Demir", "Şahin", "Doğan"]),
        new("Greek and Cypriot", 2,
            ["Andreas", "Eleni", "Georgios", "Maria", "Christos", "Androulla"],
            ["Papadopoulos", "Georgiou", "Christodoulou", "Constantinou", "Ioannou"]),
        new("Southern European", 3,
            ["José", "María", "João", "Inês", "Giulia", "Marco", "Sofía", "François"],
            ["García", "Núñez", "Rodrigues", "Gonçalves", "Rossi", "Esposito", "De Luca", "Dos Santos", "Fernández-López"]),
        new("Arabic and Somali", 3,
            ["Omar", "Yusuf", "Amina", "Hodan", "Layla", "Khalid", "Hamza", "Maryam"],
            ["Al-Hassan", "El-Sayed", "Abdi", "Hassan", "Mohamed", "Warsame", "Al Rashid", "Osman"]),
        new("Nordic and Dutch", 1,
            ["Björn", "Sigrún", "Lars", "Ingrid", "Pieter", "Anouk"],
            ["van der Berg", "de Vries", "Þórsdóttir", "Johansson", "Østergaard", "Van Dijk"]),
    ];
}
