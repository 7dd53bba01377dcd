#pragma once
// Pure parser of `smartctl --json --all` output into SmartHealth, and the rule that
// says a disk looks failing. No I/O, no logging.

#include <string_view>

#include "shared/report.h"
#include "shared/result.h"

namespace parc::agent::collectors {

// Bits of smartctl's exit status (smartctl(8), "RETURN VALUES").
inline constexpr int kSmartBitCommandLine = 0x01;
inline constexpr int kSmartBitOpenFailed = 0x02;
inline constexpr int kSmartBitCommandFailed = 0x04;
inline constexpr int kSmartBitDiskFailing = 0x08;
inline constexpr int kSmartBitPrefailNow = 0x10;
inline constexpr int kSmartBitPrefailPast = 0x20;
inline constexpr int kSmartBitErrorLog = 0x40;
inline constexpr int kSmartBitSelfTestErrors = 0x80;

// smart_status.passed, smartctl.exit_status, ATA raw values of attributes 5, 187, 188,
// 196, 197, 198, 199, the SCSI grown defect list, the NVMe health log, power-on hours
// and the current temperature. An error when the text is not a JSON object, or when
// smartctl says it could not open the device (exit bits 0x1 or 0x2) and gave nothing.
Result<SmartHealth> parseSmartctlJson(std::string_view text);

// True when smartctl or the raw counts say the disk is failing: not passed; exit bits
// 0x8 or 0x10; any reallocated, pending, offline or reported uncorrectable sector; a
// grown defect on SCSI; an NVMe critical warning, media error, spare below its
// threshold or wear at 100 %. Not on their own: CRC errors (a cable), command
// time-outs and reallocation events (raw values vendors pack), error-log and
// self-test bits (history), wear below 100 %.
bool smartLooksFailing(const SmartHealth& health);

}  // namespace parc::agent::collectors
