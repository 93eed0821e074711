#!/usr/bin/env bash
# Installs the Debian packages mly needs (idempotent). Runs apt-get as root,
# else through sudo.
set -euo pipefail
pkgs=(
  cmake make gcc g++ python3
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  libz3-dev libjansson-dev pkg-config clang-22
  lld-22 # links the hip target's AMDGPU code objects in tests
  # The spirv target and vulkan backend: spirv-val, the Vulkan loader and
  # headers, lavapipe (a Vulkan driver on the CPU, so SPIR-V runs in CI),
  # vulkaninfo, and the validation layer (MLY_VULKAN_VALIDATION=1).
  spirv-tools libvulkan-dev mesa-vulkan-drivers vulkan-tools
  vulkan-validationlayers
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
