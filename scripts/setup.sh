#!/usr/bin/env bash
# Installs the Debian packages that building, testing and the demo need (openssl and python3:
# the private CA, TLS relay and proxy of tests/e2e/network_test.cpp).
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config \
  libcli11-dev libcurl4-openssl-dev rapidjson-dev libfmt-dev catch2 \
  libtomlplusplus-dev libcpp-httplib-dev libsqlite3-dev libjq-dev \
  bash zsh fish man-db groff-base curl ca-certificates file dpkg-dev lintian jq sqlite3 time \
  openssl python3 >/dev/null
