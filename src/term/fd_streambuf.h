// An output buffer straight onto a file descriptor, for stdout and for --output-file.
// Not part of the public interface of term/.
#pragma once
#include <memory>
#include <streambuf>

namespace crm::term::detail {

// std::cout, synced with stdio, hands every insertion to a FILE*; our own 64 KiB buffer turns a
// 20,000-record export into a few hundred write()s. A failed write is remembered (error()),
// its data dropped and the stream set bad, so check_output() can say why and stop the command.
class FdStreambuf : public std::streambuf {
public:
    static constexpr size_t kSize = 64 * 1024;

    explicit FdStreambuf(int fd, size_t size = kSize);
    ~FdStreambuf() override { drain(); }
    FdStreambuf(const FdStreambuf&) = delete;
    FdStreambuf& operator=(const FdStreambuf&) = delete;

    int error() const { return error_; }  // errno of the first failed write, 0 when none

protected:
    int_type overflow(int_type ch) override;
    int sync() override { return drain() ? 0 : -1; }

private:
    void reset() { setp(buffer_.get(), buffer_.get() + size_); }
    bool drain();

    int fd_;
    int error_ = 0;
    // Not zeroed (a vector would be): a short output touches only the pages it fills, not 64 KiB
    // at every start (16 page faults of a single GET's 700).
    size_t size_;
    std::unique_ptr<char[]> buffer_;
};

}  // namespace crm::term::detail
