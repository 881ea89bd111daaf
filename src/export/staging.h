// The export is written beside its target and put in place only when it succeeded (CLI.md
// §13): a database file is renamed over the old one, a CSV directory is swapped with the old
// one in one step (renameat2 RENAME_EXCHANGE). An interrupted or killed export leaves the
// previous one intact and readable; what a killed run left behind is removed by the next.
#pragma once
#include <filesystem>

namespace crm::exporting {

class Staging {
public:
    enum class Kind { file, directory };
    // Reserves ".NAME.crm-export-PID" beside `target` (a directory is created, a file is left
    // for its writer to create) and removes the temporaries of earlier runs that were killed.
    Staging(std::filesystem::path target, Kind kind);
    ~Staging();  // removes the temporary unless commit() put it in place
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    const std::filesystem::path& path() const { return temp_; }
    // Starts writing what the staged files hold so far to disk and returns at once, so that
    // commit()'s fsync waits for the last part only (for a 30 MB database it waited 35 ms).
    // A hint: its failures are commit()'s to find. Safe from another thread than commit()'s.
    void start_writeback() const noexcept;
    // Makes the new export durable (fsync) and puts it in place of the target.
    void commit();

private:
    std::filesystem::path target_, temp_;
    Kind kind_;
    bool committed_ = false;
};

}  // namespace crm::exporting
