#pragma once
#include "atshook/sample/random.hpp"

#include <string>
#include <string_view>

namespace atshook::sample {

// A name as people write it, and the ASCII letters an email address is made from.
struct PersonName {
    std::string first;
    std::string last;
    std::string first_ascii; // lower case, letters only: "siobhan"
    std::string last_ascii;  // "osullivan"

    std::string full() const { return first + " " + last; }
};

// A name from one of about twenty naming cultures; first and last name from the same one.
PersonName random_name(Random& random);

// Staff of the hiring company, always at example.com: "siobhan.osullivan@example.com".
std::string staff_email(const PersonName& name);

// A candidate's own address, in one of the usual shapes, at example.org or example.com.
std::string personal_email(const PersonName& name, Random& random);

} // namespace atshook::sample
