#pragma once
// Pure reader of a HID report descriptor (as in sysfs .../report_descriptor): what
// kind of digitizer its top-level application collections declare. No I/O.

#include <optional>
#include <string>
#include <string_view>

namespace parc::agent::collectors {

// From the usages of the top-level Application collections on the Digitizers page
// (0x0D, HID Usage Tables 1.4, section 16): Whiteboard (0x06) -> "whiteboard", Touch
// Screen (0x04) -> "touch", Digitizer (0x01), Pen (0x02) or Light Pen (0x03) -> "pen",
// in that order of preference. Touch Pad (0x05, a laptop touchpad) and everything
// else -> nullopt. Stops at the first truncated item; never reads past the end.
std::optional<std::string> hidDigitizerKind(std::string_view descriptor);

}  // namespace parc::agent::collectors
