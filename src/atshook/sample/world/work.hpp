#pragma once
#include "atshook/sample/random.hpp"

#include <string_view>

namespace atshook::sample {

// An opening the hiring company advertises.
struct Role {
    std::string_view title;
    std::string_view category;   // the job category shown in HireHive
    std::string_view department; // job codes start with it: "ENG-0412"
    std::string_view experience; // HireHive's experience enum
    std::string_view employment; // HireHive's employment type enum
    int euros_k;                 // mid-point of the yearly pay, thousand euros, in Dublin
    std::string_view duties;     // one sentence for the description
};

const Role& random_role(Random& random);

// The kind of title a candidate has in their current job, and where they work now (invented
// company names).
std::string_view random_current_title(Random& random);
std::string_view random_company(Random& random);

// A label a recruiter puts on a candidate: "Strong communicator", "Relocating".
std::string_view random_tag_name(Random& random);

} // namespace atshook::sample
