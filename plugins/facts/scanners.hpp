// Finding phone numbers, e-mail addresses, URLs and bare domains in prose.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::facts {

struct Found {
    size_t begin = 0;  // byte offsets into the scanned text
    size_t end = 0;
    std::string value;  // phone: the ten digits; email: lower-cased address; url: lower-cased host
};

// North American numbers: (918) 555-0100, 918.555.0100, 918-555-0100, 9185550100,
// +1 918 555 0100, 1-918-555-0100, each optionally followed by an extension.
std::vector<Found> find_phones(std::string_view text);
// The ten digits of a number written alone (a tel: link), or empty.
std::string phone_digits(std::string_view text);

std::vector<Found> find_emails(std::string_view text);
// URLs with a scheme and bare domains (riverbendhealth.com, www.x.org/path); e-mail
// addresses are not domains.
std::vector<Found> find_hosts(std::string_view text);

// The host of a URL or domain, lower case, without "www." and without a trailing dot.
std::string host_of(std::string_view url_or_domain);

std::string lowered(std::string_view text);

// Levenshtein distance, stopping early once it exceeds `limit`.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

}  // namespace touchpoint::facts
