// Staff scripts: turns with speaker labels ("Staff:", "Nurse:", "Patient:").
#pragma once

#include <touchpoint/document.hpp>

#include <string>
#include <vector>

namespace touchpoint {

struct Speakers {
    std::vector<std::string> staff{"Staff",      "Nurse",  "Doctor",  "Dr",       "Physician", "Provider",
                                   "Receptionist", "Scheduler", "Agent", "Pharmacist", "Technician", "Therapist",
                                   "Care team", "Volunteer", "Navigator", "Representative", "Operator"};
    std::vector<std::string> others{"Patient", "Caller", "Visitor", "Family", "Parent", "Guest", "Customer"};
};

// Finds the turns of a script in its prose: a known speaker's label at the start of a
// line or block, followed by a colon. The labels are blanked in `text` (offsets kept).
// A script without any label is one staff turn. A turn ends at the next of `part_ends`
// (sorted text offsets where a part of the file begins or ends: a slide's notes do not
// run on into the next slide).
std::vector<Turn> find_turns(std::string& text, const Speakers& speakers, const std::vector<uint32_t>& part_ends = {});

}  // namespace touchpoint
