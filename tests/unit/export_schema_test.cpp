// The export's schema and custom-field columns: names from data, never from the records.
#include "export/loader.h"
#include "export/schema.h"

#include "json/json.h"

#include <catch2/catch.hpp>

using namespace crm::exporting;

TEST_CASE("export schema: custom fields become cf_ columns named from their labels, unique", "[unit][export]") {
    auto fields = crm::json::parse(R"([
        {"id": "title", "label": "Title", "category": "default", "type": "text"},
        {"id": "a1", "label": "Contract Start", "category": "custom", "type": "date"},
        {"id": "a2", "label": "Contract start!", "category": "custom", "type": "text"},
        {"id": "a3", "label": "", "category": "custom", "type": "number"},
        {"id": "a4", "label": "Seats", "type": "number"}])");
    std::vector<std::string> taken{"id", "cf_seats"};
    auto columns = custom_columns(fields, taken);
    REQUIRE(columns.size() == 3);
    CHECK(columns[0].column == "cf_contract_start");
    CHECK(columns[1].column == "cf_contract_start_2");  // the same slug: made unique
    CHECK(columns[2].column == "cf_a3");                // no label: named from the id
    CHECK(columns[2].type == "number");
    CHECK(taken.size() == 5);
}

TEST_CASE("export schema: entity tables by table or resource name, with ids first", "[unit][export]") {
    REQUIRE(find_entity_table("orgs") != nullptr);
    CHECK(find_entity_table("orgs")->table == "organizations");
    CHECK(find_entity_table("opps")->table == "opportunities");
    CHECK(find_entity_table("widgets") == nullptr);
    for (const auto& table : entity_tables()) {
        INFO(table.table);
        CHECK(table.columns.front().name == "id");
        CHECK(std::any_of(table.columns.begin(), table.columns.end(), [](const Column& c) { return c.name == "updated_at"; }));
    }
    // Every statement of the schema is there once: tables, then the links of each entity.
    const auto ddl = schema_ddl();
    CHECK(std::count_if(ddl.begin(), ddl.end(), [](const std::string& s) { return s.find("TABLE IF NOT EXISTS lead_tags(") != std::string::npos; }) == 1);
    CHECK(std::find_if(ddl.begin(), ddl.end(), [](const std::string& s) {
              return s.find("FOREIGN KEY(pipeline_id, stage_key) REFERENCES stages(pipeline_id, key)") != std::string::npos;
          }) != ddl.end());
}
