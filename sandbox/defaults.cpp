// What a fresh sandbox holds: two pipelines (the default one has the id and the stage key
// "stage-xyz" of the reference's examples; the second one has the pipelineId of the reference's
// PATCH example), the three default forms and the default case type "1".
#include "clock.h"
#include "json_util.h"
#include "routes.h"

namespace sandbox {
namespace {

void put_json(Store& s, const char* coll, const std::string& id, const std::string& json_without_times) {
    Document d = parse_stored(json_without_times);
    auto& a = d.GetAllocator();
    std::string now = now_iso();
    if (!member(d, "id")) d.AddMember("id", Value(id, a), a);
    set_string(d, "createdAt", now, a);
    set_string(d, "createdOn", now, a);
    set_string(d, "updatedAt", now, a);
    s.put(coll, id, to_json(d));
}

const char* kDefaultPipeline = R"({"id":"c4d5e6f7-8901-2345-6789-abcdef012345","name":"Sales Pipeline",
 "isDefault":true,"stages":[
  {"key":"stage-new","label":"New","order":1,"probability":10},
  {"key":"stage-qualified","label":"Qualified","order":2,"probability":25},
  {"key":"stage-xyz","label":"Proposal","order":3,"probability":50},
  {"key":"395f9a11-c7d5-4d91-b4bb-8c964cf8d329","label":"Negotiation","order":4,"probability":75},
  {"key":"stage-closing","label":"Closing","order":5,"probability":90}]})";

const char* kPartnerPipeline = R"({"id":"727a1a94-dda3-4e68-92cb-343e3e3d4fbc","name":"Partner Pipeline",
 "isDefault":false,"stages":[
  {"key":"partner-intro","label":"Introduction","order":1,"probability":10},
  {"key":"partner-evaluation","label":"Evaluation","order":2,"probability":40},
  {"key":"395f9a11-c7d5-4d91-b4bb-8c964cf8d329","label":"Negotiation","order":3,"probability":75},
  {"key":"partner-signed","label":"Signed","order":4,"probability":100}]})";

const char* kOpportunityForm = R"({"entity":"opportunities","fields":[
  {"id":"title","label":"Title","category":"default","type":"text","required":true},
  {"id":"value","label":"Estimated Value","category":"default","type":"monetary","required":false},
  {"id":"organizationId","label":"Organization","category":"default","type":"combobox","required":false},
  {"id":"contactId","label":"Contact","category":"default","type":"combobox","required":false},
  {"id":"origin","label":"Origin","category":"default","type":"dropdown","required":false,
   "options":["website","referral","partner","inbound","other"]},
  {"id":"leadRating","label":"Rating","category":"default","type":"dropdown","required":false,
   "options":["1_cold","2_warm","3_hot"]},
  {"id":"note","label":"Note","category":"default","type":"text-area","required":false}]})";

const char* kContactForm = R"({"entity":"contacts","fields":[
  {"id":"name","label":"Name","category":"default","type":"text","required":true},
  {"id":"email","label":"Email","category":"default","type":"email_labeled","labelOptions":["Work","Personal","Other"],"required":false},
  {"id":"phone","label":"Phone","category":"default","type":"tel_labeled","labelOptions":["Work","Mobile","Home","Other"],"required":false},
  {"id":"organizationId","label":"Organization","category":"default","type":"combobox","required":false},
  {"id":"jobTitle","label":"Job Title","category":"default","type":"text","required":false},
  {"id":"linkedin","label":"LinkedIn","category":"default","type":"url","required":false}]})";

const char* kOrganizationForm = R"({"entity":"organizations","fields":[
  {"id":"name","label":"Name","category":"default","type":"text","required":true},
  {"id":"address","label":"Address","category":"default","type":"text","required":false},
  {"id":"email","label":"Email","category":"default","type":"email_labeled","labelOptions":["Work","Personal","Other"],"required":false},
  {"id":"phone","label":"Phone","category":"default","type":"tel_labeled","labelOptions":["Work","Mobile","Home","Other"],"required":false},
  {"id":"website","label":"Website","category":"default","type":"url","required":false},
  {"id":"industry","label":"Industry","category":"default","type":"text","required":false}]})";

const char* kSupportCaseType = R"({"label":"Support Request","form":[
  {"id":"title","label":"Title","category":"default","type":"text","required":true},
  {"id":"contactId","label":"Contact","category":"default","type":"combobox","required":false},
  {"id":"organizationId","label":"Organization","category":"default","type":"combobox","required":false},
  {"id":"description","label":"Description","category":"default","type":"text-area","required":false}],
 "workflow":{"status":[
  {"id":"open","type":"node","data":{"label":"Open"}},
  {"id":"in-progress","type":"node","data":{"label":"In Progress"}},
  {"id":"closed","type":"node","data":{"label":"Closed"}}]}})";

}  // namespace

void install_defaults(Store& s) {
    if (s.count(kPipelines) > 0) return;  // an existing database keeps what it has
    s.atomically([&] {
        put_json(s, kPipelines, kDefaultPipelineId, kDefaultPipeline);
        put_json(s, kPipelines, "727a1a94-dda3-4e68-92cb-343e3e3d4fbc", kPartnerPipeline);
        put_json(s, kForms, "opportunities", kOpportunityForm);
        put_json(s, kForms, "contacts", kContactForm);
        put_json(s, kForms, "organizations", kOrganizationForm);
        if (s.count(kCaseTypes) == 0) put_json(s, kCaseTypes, s.next_id(kCaseTypes), kSupportCaseType);
    });
}

}  // namespace sandbox
