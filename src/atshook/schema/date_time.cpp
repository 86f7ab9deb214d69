#include "atshook/schema/date_time.hpp"

namespace atshook::schema {
namespace {

// Reads `count` digits at `pos` into `value`; false if any is not a digit.
bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
    if (pos + count > s.size()) return false;
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

int days_in_month(int year, int month) {
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return k_days[month - 1];
}

} // namespace

bool is_date_time(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS is 19 characters, then fraction and offset.
    int year, month, day, hour, minute, second;
    if (s.size() < 20) return false;
    if (!read_digits(s, 0, 4, year) || s[4] != '-' || !read_digits(s, 5, 2, month) ||
        s[7] != '-' || !read_digits(s, 8, 2, day))
        return false;
    if (s[10] != 'T' && s[10] != 't') return false;
    if (!read_digits(s, 11, 2, hour) || s[13] != ':' || !read_digits(s, 14, 2, minute) ||
        s[16] != ':' || !read_digits(s, 17, 2, second))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
    if (hour > 23 || minute > 59 || second > 60) return false;

    std::size_t pos = 19;
    if (s[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return false;
    }
    if (pos >= s.size()) return false;
    if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
    if (s[pos] != '+' && s[pos] != '-') return false;
    int offset_hour, offset_minute;
    return pos + 6 == s.size() && read_digits(s, pos + 1, 2, offset_hour) && s[pos + 3] == ':' &&
           read_digits(s, pos + 4, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

} // namespace atshook::schema
