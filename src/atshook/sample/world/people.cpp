#include "atshook/sample/world/people.hpp"

#include <array>
#include <span>

namespace atshook::sample {
namespace {

// Each entry is "Written/ascii"; the ASCII part is left out when it is the written name in
// lower case.
struct Culture {
    std::span<const std::string_view> first;
    std::span<const std::string_view> last;
};

constexpr std::array<std::string_view, 10> k_irish_first{
    "Aoife", "Siobhán/siobhan", "Ciarán/ciaran", "Niamh", "Oisín/oisin", "Róisín/roisin",
    "Cian",  "Saoirse",         "Darragh",       "Eimear"};
constexpr std::array<std::string_view, 8> k_irish_last{
    "Murphy", "O'Sullivan/osullivan", "Byrne", "Kelly",
    "Walsh",  "Ó Briain/obriain",     "Doyle", "McCarthy"};
constexpr std::array<std::string_view, 10> k_nigerian_first{
    "Chiamaka", "Oluwaseun", "Adaeze", "Emeka",   "Temitope",
    "Ngozi",    "Babatunde", "Ifeoma", "Chinedu", "Folake"};
constexpr std::array<std::string_view, 8> k_nigerian_last{
    "Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze", "Okonkwo", "Adebayo", "Afolabi"};
constexpr std::array<std::string_view, 10> k_indian_first{"Priya",   "Arjun", "Ananya", "Vikram",
                                                          "Lakshmi", "Rohan", "Kavya",  "Siddharth",
                                                          "Meera",   "Aditya"};
constexpr std::array<std::string_view, 8> k_indian_last{"Sharma", "Iyer",     "Patel",    "Reddy",
                                                        "Nair",   "Krishnan", "Banerjee", "Menon"};
constexpr std::array<std::string_view, 8> k_chinese_first{"Wei", "Xiaoling", "Jun",    "Mei",
                                                          "Hao", "Yuting",   "Zhiwei", "Lan"};
constexpr std::array<std::string_view, 8> k_chinese_last{"Wang", "Li",   "Zhang", "Liu",
                                                         "Chen", "Yang", "Huang", "Zhou"};
constexpr std::array<std::string_view, 8> k_japanese_first{"Haruto", "Yui",  "Sōta/sota", "Aoi",
                                                           "Ren",    "Hina", "Kaito",     "Sakura"};
constexpr std::array<std::string_view, 8> k_japanese_last{
    "Satō/sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō/ito", "Yamamoto", "Nakamura"};
constexpr std::array<std::string_view, 6> k_korean_first{"Ji-woo/jiwoo",     "Min-jun/minjun",
                                                         "Seo-yeon/seoyeon", "Do-yun/doyun",
                                                         "Ha-eun/haeun",     "Su-bin/subin"};
constexpr std::array<std::string_view, 6> k_korean_last{"Kim",  "Lee",  "Park",
                                                        "Choi", "Jung", "Kang"};
constexpr std::array<std::string_view, 8> k_arabic_first{"Layla", "Omar",  "Yasmin", "Karim",
                                                         "Noor",  "Tariq", "Amira",  "Youssef"};
constexpr std::array<std::string_view, 7> k_arabic_last{
    "Haddad", "Al-Mansouri/almansouri", "Khalil", "Nasser", "Saleh", "Farouk", "Hamdan"};
constexpr std::array<std::string_view, 7> k_turkish_first{"Elif",      "Emre",  "Zeynep", "Burak",
                                                          "Ayşe/ayse", "Selin", "Can"};
constexpr std::array<std::string_view, 6> k_turkish_last{
    "Yılmaz/yilmaz", "Kaya", "Demir", "Şahin/sahin", "Çelik/celik", "Öztürk/ozturk"};
constexpr std::array<std::string_view, 7> k_polish_first{
    "Łukasz/lukasz", "Agnieszka", "Katarzyna", "Michał/michal", "Zofia", "Paweł/pawel", "Maja"};
constexpr std::array<std::string_view, 6> k_polish_last{
    "Nowak", "Wójcik/wojcik", "Mazur", "Krawczyk", "Zając/zajac", "Wróbel/wrobel"};
constexpr std::array<std::string_view, 7> k_german_first{"Lena",   "Jonas",      "Sophie", "Lukas",
                                                         "Hannah", "Maximilian", "Felix"};
constexpr std::array<std::string_view, 6> k_german_last{
    "Müller/mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Schäfer/schaefer"};
constexpr std::array<std::string_view, 7> k_french_first{
    "Camille", "Théo/theo", "Chloé/chloe", "Louis", "Manon", "Hugo", "Léa/lea"};
constexpr std::array<std::string_view, 6> k_french_last{"Martin",          "Bernard", "Dubois",
                                                        "Lefèvre/lefevre", "Moreau",  "Girard"};
constexpr std::array<std::string_view, 7> k_spanish_first{
    "Lucía/lucia", "Mateo", "Valentina", "Santiago", "Sofía/sofia", "Diego", "Camila"};
constexpr std::array<std::string_view, 6> k_spanish_last{"García/garcia",     "Rodríguez/rodriguez",
                                                         "Martínez/martinez", "Hernández/hernandez",
                                                         "López/lopez",       "Sánchez/sanchez"};
constexpr std::array<std::string_view, 7> k_brazilian_first{
    "João/joao", "Ana", "Pedro", "Beatriz", "Gabriel", "Larissa", "Rafael"};
constexpr std::array<std::string_view, 6> k_brazilian_last{
    "Silva", "Santos", "Oliveira", "Souza", "Conceição/conceicao", "Ferreira"};
constexpr std::array<std::string_view, 6> k_swedish_first{"Astrid", "Erik",  "Ingrid",
                                                          "Oskar",  "Freja", "Nils"};
constexpr std::array<std::string_view, 6> k_swedish_last{"Andersson", "Johansson",   "Lindqvist",
                                                         "Nilsson",   "Åberg/aberg", "Björk/bjork"};
constexpr std::array<std::string_view, 6> k_akan_first{"Kwame", "Ama",     "Kofi",
                                                       "Abena", "Kwabena", "Efua"};
constexpr std::array<std::string_view, 6> k_akan_last{"Mensah", "Owusu", "Boateng",
                                                      "Asante", "Osei",  "Appiah"};
constexpr std::array<std::string_view, 6> k_kenyan_first{"Wanjiru", "Otieno", "Achieng",
                                                         "Kamau",   "Njeri",  "Kiprop"};
constexpr std::array<std::string_view, 6> k_kenyan_last{"Mwangi", "Odhiambo", "Kariuki",
                                                        "Wambui", "Njoroge",  "Chebet"};
constexpr std::array<std::string_view, 6> k_vietnamese_first{"Linh", "Minh",  "Thảo/thao",
                                                             "Huy",  "Trang", "Ngọc/ngoc"};
constexpr std::array<std::string_view, 6> k_vietnamese_last{
    "Nguyễn/nguyen", "Trần/tran", "Lê/le", "Phạm/pham", "Hoàng/hoang", "Đặng/dang"};
constexpr std::array<std::string_view, 6> k_filipino_first{"Angelica", "Joshua",  "Kristine",
                                                           "Paolo",    "Jasmine", "Carlo"};
constexpr std::array<std::string_view, 6> k_filipino_last{
    "Reyes", "Bautista", "Dela Cruz/delacruz", "Mendoza", "Villanueva", "Santos"};
constexpr std::array<std::string_view, 8> k_english_first{"Olivia", "James", "Emily",   "Noah",
                                                          "Grace",  "Ethan", "Harriet", "Daniel"};
constexpr std::array<std::string_view, 8> k_english_last{
    "Smith", "Johnson", "Williams", "Brown", "Taylor", "Clarke", "Evans", "Thompson"};
constexpr std::array<std::string_view, 5> k_persian_first{"Darius", "Shirin", "Arash", "Leila",
                                                          "Navid"};
constexpr std::array<std::string_view, 5> k_persian_last{"Ahmadi", "Hosseini", "Karimi", "Rahimi",
                                                         "Tehrani"};

const std::array<Culture, 20> k_cultures{{
    {k_irish_first, k_irish_last},
    {k_nigerian_first, k_nigerian_last},
    {k_indian_first, k_indian_last},
    {k_chinese_first, k_chinese_last},
    {k_japanese_first, k_japanese_last},
    {k_korean_first, k_korean_last},
    {k_arabic_first, k_arabic_last},
    {k_turkish_first, k_turkish_last},
    {k_polish_first, k_polish_last},
    {k_german_first, k_german_last},
    {k_french_first, k_french_last},
    {k_spanish_first, k_spanish_last},
    {k_brazilian_first, k_brazilian_last},
    {k_swedish_first, k_swedish_last},
    {k_akan_first, k_akan_last},
    {k_kenyan_first, k_kenyan_last},
    {k_vietnamese_first, k_vietnamese_last},
    {k_filipino_first, k_filipino_last},
    {k_english_first, k_english_last},
    {k_persian_first, k_persian_last},
}};

struct Written {
    std::string text;
    std::string ascii;
};

Written split(std::string_view entry) {
    const auto slash = entry.find('/');
    if (slash != std::string_view::npos)
        return {std::string(entry.substr(0, slash)), std::string(entry.substr(slash + 1))};
    std::string lower;
    for (const char c : entry)
        if (c >= 'A' && c <= 'Z')
            lower += static_cast<char>(c - 'A' + 'a');
        else if (c >= 'a' && c <= 'z')
            lower += c;
    return {std::string(entry), lower};
}

} // namespace

PersonName random_name(Random& random) {
    const Culture& culture = random.pick(k_cultures);
    auto first = split(random.pick(culture.first));
    auto last = split(random.pick(culture.last));
    return {std::move(first.text), std::move(last.text), std::move(first.ascii),
            std::move(last.ascii)};
}

std::string staff_email(const PersonName& name) {
    return name.first_ascii + "." + name.last_ascii + "@example.com";
}

std::string personal_email(const PersonName& name, Random& random) {
    const std::string domain = random.chance(60) ? "@example.org" : "@example.com";
    switch (random.below(5)) {
    case 0:
        return name.first_ascii + "." + name.last_ascii + domain;
    case 1:
        return name.first_ascii + name.last_ascii + domain;
    case 2:
        return name.first_ascii.substr(0, 1) + "." + name.last_ascii + random.digits(2) + domain;
    case 3:
        return name.first_ascii + "_" + name.last_ascii + domain;
    default:
        return name.last_ascii + "." + name.first_ascii + random.digits(2) + domain;
    }
}

} // namespace atshook::sample
