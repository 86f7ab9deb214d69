#pragma once
// The profile file `learn --save-profile` writes and `learn --merge` and `drift` read: JSON, keys
// sorted, one profile, so equal profiles are equal bytes.
#include "atshook/learn/profile.hpp"

#include <string>
#include <string_view>

namespace atshook::learn {

// The version of the profile format this ats-hook writes and reads.
constexpr int k_profile_version = 1;
// The largest profile file read (a profile has at most 4096 pointers per event type).
constexpr std::size_t k_profile_file_bytes = 256 * 1024 * 1024;

std::string profile_json(const Profile& profile);

// Whether `bytes` start like a profile (`{"format":"ats-hook-profile"...`), to tell a profile
// given to `drift` from a payload.
bool looks_like_profile(std::string_view bytes);

// Throws atshook::Error "<source>: ..." for anything that is not a complete profile of this
// version: not JSON (with line and column), another format, a newer version, a counter of the
// wrong type, caps other than this ats-hook's.
Profile parse_profile(std::string_view bytes, std::string_view source);

} // namespace atshook::learn
