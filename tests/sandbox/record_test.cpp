// --record FILE: one JSON line per request, complete by the time the answer arrives.
#include "http_helpers.h"
#include "support/process.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using crmtest::SandboxProcess;
using sbt::Http;
using namespace std::string_literals;

namespace {

// A fresh temporary directory, removed at the end of the test.
struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/crm-sandbox-record-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

std::vector<std::string> lines_of(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// Parses a record line strictly: JSON, and valid UTF-8.
rapidjson::Document parse_line(const std::string& line) {
    rapidjson::Document d;
    d.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
    INFO(line);
    REQUIRE_FALSE(d.HasParseError());
    REQUIRE(d.IsObject());
    return d;
}

std::string str(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

std::vector<std::pair<std::string, std::string>> query_of(const rapidjson::Value& line) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& p : line["query"].GetArray()) out.emplace_back(str(p[0]), str(p[1]));
    return out;
}

const char* kPrimary = "primary-key-0123456789";

}  // namespace

TEST_CASE("record: one line per request, written before the answer, exact body, status, key redacted") {
    TempDir dir;
    const std::string file = dir.path + "/requests.jsonl";
    SandboxProcess sb({"--record", file, "--primary-key", kPrimary});
    Http h(sb);
    size_t expected = 0;
    // Each answer arrives only after its line is in the file.
    auto sent = [&](int status, int got) {
        CHECK(got == status);
        CHECK(lines_of(file).size() == ++expected);
    };
    const std::string body = "{ \"title\" : \"a \\\"quoted\\\" \\\\ title\",\n  // comment\n}";
    sent(201, h.post("/pipeline/leads", body).status);
    sent(200, h.get("/pipeline/leads?page=1&size=5&tags=b&tags=a&title=x%20y").status);
    sent(200, Http(sb, kPrimary, true).get("/pipeline/leads?page=2").status);
    sent(401, Http(sb, "wrong-key-but-long").get("/pipeline/leads").status);
    sent(404, h.get("/pipeline/leads/999").status);
    sent(400, h.post("/pipeline/leads", "{").status);
    sent(413, h.post("/pipeline/leads", std::string(2 * 1024 * 1024, 'x')).status);  // refused by httplib
    sent(414, h.get("/pipeline/leads?title=" + std::string(20000, 'u')).status);
    sent(204, h.del("/pipeline/leads/1").status);

    auto lines = lines_of(file);
    REQUIRE(lines.size() == 9);
    std::vector<rapidjson::Document> r;
    for (const auto& l : lines) r.push_back(parse_line(l));
    double last_t = 0;
    for (auto& d : r) {
        CHECK(d["t"].GetDouble() >= last_t);
        last_t = d["t"].GetDouble();
    }
    CHECK(str(r[0]["method"]) == "POST");
    CHECK(str(r[0]["path"]) == "/pipeline/leads");
    CHECK(str(r[0]["body"]) == body);
    CHECK(r[0]["status"].GetInt() == 201);
    CHECK(str(r[0]["headers"]["Ocp-Apim-Subscription-Key"]) == "****6789");
    CHECK(str(r[0]["headers"]["Content-Type"]) == "application/json");
    CHECK_FALSE(r[0]["headers"].HasMember("REMOTE_ADDR"));
    CHECK_FALSE(r[0].HasMember("dropped"));
    CHECK(query_of(r[1]) == std::vector<std::pair<std::string, std::string>>{
                                {"page", "1"}, {"size", "5"}, {"tags", "b"}, {"tags", "a"}, {"title", "x y"}});
    CHECK(str(r[1]["body"]).empty());
    CHECK(query_of(r[2]) == std::vector<std::pair<std::string, std::string>>{{"page", "2"},
                                                                             {"subscription-key", "****6789"}});
    CHECK(str(r[3]["headers"]["Ocp-Apim-Subscription-Key"]) == "****long");
    CHECK(r[3]["status"].GetInt() == 401);
    CHECK(r[4]["status"].GetInt() == 404);
    CHECK(str(r[5]["body"]) == "{");
    CHECK(r[5]["status"].GetInt() == 400);
    CHECK(r[6]["status"].GetInt() == 413);
    CHECK(r[6]["bodyOmitted"].GetBool());
    CHECK(str(r[6]["body"]).empty());
    CHECK(r[7]["status"].GetInt() == 414);
    CHECK(str(r[8]["method"]) == "DELETE");
    CHECK(str(r[8]["path"]) == "/pipeline/leads/1");
    std::ifstream in(file);
    std::stringstream all;
    all << in.rdbuf();
    CHECK(all.str().find(kPrimary) == std::string::npos);
}

TEST_CASE("record: any bytes in a request make a valid JSON line, the body exact or in base64") {
    TempDir dir;
    const std::string file = dir.path + "/r.jsonl";
    SandboxProcess sb({"--record", file});
    Http h(sb);
    const std::vector<std::string> bodies{"nul\0inside"s, "ctl \x01\x1f\x7f\t\r\n\"\\/"s, "\xe2\x80\xa8 \xf0\x9f\x98\x80"s,
                                          "bad \xff\xfe utf-8"s, "\xc3"s, "\xed\xa0\x80"s};
    for (const auto& b : bodies) CHECK(h.post("/pipeline/leads", b).status == 400);
    CHECK(h.get("/directory/contacts?name=%FF%00&%C3=1").status == 200);
    auto lines = lines_of(file);
    REQUIRE(lines.size() == bodies.size() + 1);
    for (size_t i = 0; i < 3; ++i) {  // valid UTF-8: the body as it is
        auto d = parse_line(lines[i]);
        CHECK(str(d["body"]) == bodies[i]);
        CHECK_FALSE(d.HasMember("bodyEncoding"));
    }
    const std::vector<std::string> base64{"YmFkIP/+IHV0Zi04", "ww==", "7aCA"};
    for (size_t i = 3; i < bodies.size(); ++i) {
        auto d = parse_line(lines[i]);
        CHECK(str(d["bodyEncoding"]) == "base64");
        CHECK(str(d["body"]) == base64[i - 3]);
    }
    auto q = parse_line(lines.back());
    CHECK(query_of(q) == std::vector<std::pair<std::string, std::string>>{{"name", "\xef\xbf\xbd\0"s},
                                                                          {"\xef\xbf\xbd", "1"}});
}

TEST_CASE("record: refused, failed and dropped requests are recorded with the status decided") {
    TempDir dir;
    {
        const std::string file = dir.path + "/quota.jsonl";
        SandboxProcess sb({"--record", file, "--quota", "1/60"});
        Http h(sb);
        CHECK(h.get("/pipeline/leads").status == 200);
        CHECK(h.post("/pipeline/leads", R"({"title":"over"})").status == 429);
        auto lines = lines_of(file);
        REQUIRE(lines.size() == 2);
        auto d = parse_line(lines[1]);
        CHECK(d["status"].GetInt() == 429);
        CHECK(str(d["body"]) == R"({"title":"over"})");
    }
    {
        const std::string file = dir.path + "/fail.jsonl";
        SandboxProcess sb({"--record", file, "--fail-rate", "1"});
        CHECK(Http(sb).get("/pipeline/leads").status == 503);
        auto lines = lines_of(file);
        REQUIRE(lines.size() == 1);
        CHECK(parse_line(lines[0])["status"].GetInt() == 503);
    }
    {
        const std::string file = dir.path + "/drop.jsonl";
        SandboxProcess sb({"--record", file, "--drop-rate", "1"});
        CHECK(Http(sb).post("/pipeline/leads", R"({"title":"kept"})").status == 0);  // no answer
        auto lines = lines_of(file);  // but the line is there once the connection has closed
        REQUIRE(lines.size() == 1);
        auto d = parse_line(lines[0]);
        CHECK(d["status"].GetInt() == 201);  // what it would have answered: the lead was created
        CHECK(d["dropped"].GetBool());
    }
}

TEST_CASE("record: concurrent requests give whole lines, one each") {
    TempDir dir;
    const std::string file = dir.path + "/c.jsonl";
    SandboxProcess sb({"--record", file});
    Http(sb).get("/pipeline/leads");  // see faults_test: httplib's statics before the threads
    constexpr int kThreads = 6, kEach = 20;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&sb, t] {
            Http h(sb);
            for (int i = 0; i < kEach; ++i)
                h.post("/pipeline/leads", R"({"title":")" + std::string(1000 + 97 * t, static_cast<char>('a' + t)) + R"("})");
        });
    }
    for (auto& th : threads) th.join();
    auto lines = lines_of(file);
    REQUIRE(lines.size() == 1 + kThreads * kEach);
    int created = 0;
    for (const auto& l : lines) created += parse_line(l)["status"].GetInt() == 201;
    CHECK(created == kThreads * kEach);
}

TEST_CASE("record: a record file that cannot be opened stops start-up (exit 1)") {
    auto r = crmtest::run({CRM_SANDBOX_BIN, "--record", "/nonexistent-dir/r.jsonl"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot open the record file /nonexistent-dir/r.jsonl") != std::string::npos);
    CHECK(r.out.empty());
}
