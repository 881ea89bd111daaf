// --jq as a renderer: the program runs on each record as it arrives, so a listing streams with
// flat memory, or with --slurp once on the array of them all. Each result is one line: a
// string raw, anything else compact JSON (render/jq.h).
#include "render/internal.h"
#include "render/jq.h"
#include "term/io.h"

#include <fmt/format.h>

#include <ostream>

namespace crm::render::detail {

namespace {

// The record's id as text, empty when it has none a person could look up.
std::string id_of(const json::Value& record) {
    if (!record.IsObject()) return {};
    auto it = record.FindMember("id");
    if (it == record.MemberEnd()) return {};
    if (it->value.IsString()) return {it->value.GetString(), it->value.GetStringLength()};
    return it->value.IsNumber() ? json::write(it->value) : std::string();
}

class JqRenderer : public Renderer {
public:
    JqRenderer(Options options, std::ostream& out) : options_(std::move(options)), out_(out) {}

    void begin_list() override {
        position_ = 0;
        if (options_.slurp) slurped_ = std::make_unique<JqArray>();
    }

    void record(const json::Value& record) override {
        ++position_;
        json::Document projected;
        const json::Value& input = shaped(record, projected);
        if (slurped_) {
            slurped_->push(input);
            return;
        }
        const std::string id = id_of(record);
        run_on(input, id.empty() ? fmt::format("record {} of the list (it has no id)", position_)
                                 : fmt::format("record {}", id),
               id);
    }

    void end_list() override {
        if (!slurped_) return;
        auto all = std::move(slurped_);
        run_on(std::move(*all), "the list (--slurp)");
    }

    void single(const json::Value& record) override {
        json::Document projected;
        const json::Value& input = shaped(record, projected);
        if (options_.slurp) {  // as `jq --slurp` on one input: an array of one
            JqArray one;
            one.push(input);
            run_on(std::move(one), "the record (--slurp)");
            return;
        }
        const std::string id = id_of(record);
        run_on(input, id.empty() ? std::string("the response") : fmt::format("record {}", id), id);
    }

private:
    // What -o ndjson would print: the record, or its projection onto --fields.
    const json::Value& shaped(const json::Value& record, json::Document& projected) const {
        if (options_.fields.empty()) return record;
        projected = project(record, options_.fields);
        return projected;
    }

    template <class Input>
    void run_on(Input&& input, const std::string& what, const std::string& id = {}) {
        try {
            options_.jq->run(std::forward<Input>(input), [this](std::string_view text) {
                out_ << text << '\n';
                // One record can have endless results (`range(1e9)`): a reader gone away or a
                // full disk stops them here, not at the end of the page.
                if (!out_.good()) term::check_output(out_);
            });
        } catch (const JqRuntimeError& e) {
            throw JqRuntimeError(fmt::format("--jq error on {}: {}", what, e.message()), e.message(), id);
        }
    }

    Options options_;
    std::ostream& out_;
    std::unique_ptr<JqArray> slurped_;  // --slurp: the records so far
    size_t position_ = 0;
};

}  // namespace

std::unique_ptr<Renderer> make_jq(Options options, std::ostream& out) {
    return std::make_unique<JqRenderer>(std::move(options), out);
}

}  // namespace crm::render::detail
