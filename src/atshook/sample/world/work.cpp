#include "atshook/sample/world/work.hpp"

#include <array>

namespace atshook::sample {
namespace {

const std::array<Role, 22> k_roles{{
    {"Senior Backend Engineer", "Engineering", "ENG", "senior", "full_time", 85,
     "design, build and run the services behind our hiring platform"},
    {"Frontend Developer", "Engineering", "ENG", "mid_level", "full_time", 62,
     "build accessible, fast interfaces in TypeScript and React"},
    {"Site Reliability Engineer", "Engineering", "ENG", "senior", "full_time", 88,
     "keep our platform fast and available, and make on-call calm"},
    {"Data Engineer", "Engineering", "ENG", "mid_level", "full_time", 70,
     "own the pipelines that turn product events into trustworthy reporting"},
    {"QA Automation Engineer", "Engineering", "ENG", "mid_level", "contract", 58,
     "grow our automated test suites and release confidence"},
    {"Software Engineering Intern", "Engineering", "ENG", "intern", "internship", 28,
     "ship real features alongside a mentor for twelve weeks"},
    {"Product Manager", "Product", "PRD", "senior", "full_time", 82,
     "shape the roadmap with customers, design and engineering"},
    {"Product Designer", "Design", "DES", "mid_level", "full_time", 64,
     "turn research into clear flows, prototypes and polished UI"},
    {"Account Executive", "Sales", "SAL", "mid_level", "full_time", 60,
     "run the full sales cycle with mid-market customers"},
    {"Sales Development Representative", "Sales", "SAL", "entry_level", "full_time", 38,
     "open conversations with companies that are growing their teams"},
    {"Content Marketing Manager", "Marketing", "MKT", "mid_level", "part_time", 55,
     "plan and write the guides, stories and newsletters people share"},
    {"Customer Success Manager", "Customer Success", "CS", "mid_level", "full_time", 52,
     "help customers get value quickly and stay with us"},
    {"Support Specialist", "Customer Success", "CS", "entry_level", "temporary", 34,
     "answer customer questions by chat and email with care"},
    {"Financial Analyst", "Finance", "FIN", "mid_level", "full_time", 58,
     "build the models and reports leadership plans with"},
    {"Payroll Specialist", "Finance", "FIN", "mid_level", "part_time", 46,
     "run accurate payroll across several countries"},
    {"Talent Acquisition Partner", "People", "PPL", "senior", "full_time", 60,
     "partner with hiring managers to find and win great people"},
    {"People Operations Coordinator", "People", "PPL", "entry_level", "full_time", 36,
     "keep onboarding, contracts and people data running smoothly"},
    {"Warehouse Shift Supervisor", "Operations", "OPS", "mid_level", "full_time", 40,
     "lead a team of twelve on the evening shift of our fulfilment centre"},
    {"Registered Nurse", "Healthcare", "HCR", "mid_level", "full_time", 48,
     "care for patients on a busy surgical ward"},
    {"Head Chef", "Hospitality", "HSP", "senior", "full_time", 50,
     "run the kitchen of our 80-cover restaurant and train the brigade"},
    {"Community Volunteer Coordinator", "Nonprofit", "NPO", "na", "volunteer", 0,
     "organise volunteers for our weekend literacy programme"},
    {"Bookkeeper", "Finance", "FIN", "entry_level", "other", 35,
     "keep the books of three small entities tidy and on time"},
}};

constexpr std::array<std::string_view, 18> k_current_titles{
    "Software Engineer",   "Senior Software Engineer",
    "Data Analyst",        "Product Owner",
    "UX Designer",         "Account Manager",
    "Marketing Executive", "Customer Support Lead",
    "Operations Manager",  "Staff Nurse",
    "Sous Chef",           "Accounts Assistant",
    "Recruiter",           "Business Analyst",
    "DevOps Engineer",     "Graduate Engineer",
    "Teaching Assistant",  "Freelance Designer"};

constexpr std::array<std::string_view, 16> k_companies{"Northwind Traders",
                                                       "Contoso",
                                                       "Fabrikam",
                                                       "Tailspin Toys",
                                                       "Wide World Importers",
                                                       "Adventure Works",
                                                       "Brightwater Analytics",
                                                       "Kestrel Logistics",
                                                       "Harbour & Vine",
                                                       "Meridian Health",
                                                       "Lumen Labs",
                                                       "Blue Yonder Airlines",
                                                       "Alpine Ski House",
                                                       "Coho Winery",
                                                       "Margie's Travel",
                                                       "Proseware"};

constexpr std::array<std::string_view, 12> k_tag_names{
    "Strong communicator", "Relocating",       "Referred by staff",  "Visa sponsorship",
    "Silver medallist",    "Bilingual",        "Open to contract",   "Leadership potential",
    "Portfolio reviewed",  "Notice: 3 months", "Returner programme", "Campus 2024"};

} // namespace

const Role& random_role(Random& random) {
    return random.pick(k_roles);
}

std::string_view random_current_title(Random& random) {
    return random.pick(k_current_titles);
}

std::string_view random_company(Random& random) {
    return random.pick(k_companies);
}

std::string_view random_tag_name(Random& random) {
    return random.pick(k_tag_names);
}

} // namespace atshook::sample
