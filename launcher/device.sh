# Sourced by ../babylab: chooses the device and the PyTorch natives before the JVM starts.
#
# BABYLAB_DEVICE=cpu   the CPU natives from the build (offline; the default without a usable GPU)
# BABYLAB_DEVICE=gpu   CUDA natives: the libtorch in PYTORCH_LIBRARY_PATH, else DJL's cache, else
#                      downloaded once by DJL (needs internet); an error if nvidia-smi sees no GPU
# BABYLAB_DEVICE=auto  (default) gpu when nvidia-smi lists a GPU AND CUDA natives are already here
#                      (PYTORCH_LIBRARY_PATH or DJL's cache); cpu otherwise, with a hint when only
#                      the natives are missing. Never downloads by itself.
#
# babylab_choose_device sets: BABYLAB_DEVICE_MODE (cpu | gpu), BABYLAB_NATIVES (jar | library-path
# | cache | download), BABYLAB_DEVICE_NOTE (a line for stderr, may be empty) and, for gpu, exports
# PYTORCH_FLAVOR, PYTORCH_VERSION (and keeps PYTORCH_LIBRARY_PATH). It returns 2 with the reason
# in BABYLAB_DEVICE_NOTE when BABYLAB_DEVICE=gpu cannot be honoured. The caller then leaves the
# CPU natives jar off the class path for gpu (DJL uses a natives jar on the class path before
# anything else) and drops -Dai.djl.offline=true only for a download.

BABYLAB_TORCH_VERSION=2.7.1
BABYLAB_TORCH_FLAVOR=cu128

# The directory where DJL keeps (or would download) the CUDA build of libtorch.
babylab_cuda_cache_dir() {
  local base="${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}"
  echo "$base/pytorch/$BABYLAB_TORCH_VERSION-$BABYLAB_TORCH_FLAVOR-linux-x86_64"
}

# True when nvidia-smi exists and lists at least one GPU.
babylab_has_gpu() {
  command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q '^GPU '
}

babylab_choose_device() {
  local want="${BABYLAB_DEVICE:-auto}"
  BABYLAB_DEVICE_MODE=cpu
  BABYLAB_NATIVES=jar
  BABYLAB_DEVICE_NOTE=""
  case "$want" in
    cpu) return 0 ;;
    gpu|auto) ;;
    *) BABYLAB_DEVICE_NOTE="BABYLAB_DEVICE must be cpu, gpu or auto, got '$want'"; return 2 ;;
  esac
  if ! babylab_has_gpu; then
    if [[ "$want" == gpu ]]; then
      BABYLAB_DEVICE_NOTE="BABYLAB_DEVICE=gpu but nvidia-smi lists no GPU (is the NVIDIA driver installed?); unset it to run on the CPU"
      return 2
    fi
    return 0
  fi
  local natives=""
  if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
    if [[ -f "$PYTORCH_LIBRARY_PATH/libtorch.so" ]]; then
      natives=library-path
    elif [[ "$want" == gpu ]]; then
      BABYLAB_DEVICE_NOTE="PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH has no libtorch.so; point it at the lib directory of a CUDA libtorch $BABYLAB_TORCH_VERSION"
      return 2
    fi
  fi
  if [[ -z "$natives" && -f "$(babylab_cuda_cache_dir)/libtorch.so" ]]; then
    natives=cache
  fi
  if [[ -z "$natives" ]]; then
    if [[ "$want" == auto ]]; then
      BABYLAB_DEVICE_NOTE="a GPU is present but no CUDA build of PyTorch $BABYLAB_TORCH_VERSION is; running on the CPU. Run once with BABYLAB_DEVICE=gpu (downloads about 2.5 GB) or set PYTORCH_LIBRARY_PATH (docs/devices.md)"
      return 0
    fi
    natives=download
    BABYLAB_DEVICE_NOTE="fetching the CUDA build of PyTorch $BABYLAB_TORCH_VERSION into $(babylab_cuda_cache_dir) (once, about 2.5 GB)"
  fi
  BABYLAB_DEVICE_MODE=gpu
  BABYLAB_NATIVES=$natives
  export PYTORCH_FLAVOR="$BABYLAB_TORCH_FLAVOR" PYTORCH_VERSION="$BABYLAB_TORCH_VERSION"
  return 0
}
