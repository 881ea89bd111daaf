// ids: one id per line, to pipe into `crm bulk delete ENTITY --ids-from -`.
#include "render/internal.h"

#include <ostream>

namespace crm::render::detail {

namespace {

class IdsRenderer : public Renderer {
public:
    explicit IdsRenderer(std::ostream& out) : out_(out) {}

    void begin_list() override {}
    void record(const json::Value& record) override { single(record); }
    void end_list() override {}

    // A record without an id is skipped: an empty line would only be noise in the pipe.
    void single(const json::Value& record) override {
        if (const json::Value* id = json::find(record, "id")) out_ << json::scalar_text(*id) << '\n';
    }

private:
    std::ostream& out_;
};

}  // namespace

std::unique_ptr<Renderer> make_ids(std::ostream& out) { return std::make_unique<IdsRenderer>(out); }

}  // namespace crm::render::detail
