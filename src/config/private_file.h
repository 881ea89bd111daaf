// Files that may hold an API key: created private (0600 in a 0700 directory), replaced
// atomically, and refused when others can read them.
#pragma once
#include <filesystem>
#include <string_view>

namespace crm::config::detail {

// Throws crm::UsageError with an ssh-style hint when group or others have any access to
// `path` (mode & 077). Call it only for a file that holds an API key.
void refuse_if_exposed(const std::filesystem::path& path);

// Throws crm::UsageError with an ssh-style hint when `path` can be changed by someone else:
// group or world write bits, or an owner other than this user (or root). Any config file can
// name an api_key_command that crm runs, so this holds whether or not it holds a key.
void refuse_if_writable(const std::filesystem::path& path);

// Replaces `path` with `text`: a temp file created 0600 in the same directory, fsync'd, then
// renamed over it, so a reader never sees half a file and the key is never briefly exposed.
// Missing directories are created 0700. A symlink is followed (the target is replaced).
// Throws crm::Error on failure.
void write_private_file(const std::filesystem::path& path, std::string_view text);

}  // namespace crm::config::detail
