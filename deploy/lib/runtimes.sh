#!/usr/bin/env bash
# Managed runtimes of source-code services: their base images and the list the build-worker offers.

# The recipe every test and the examples need (Python, Node.js, OpenJDK). Go's image is built by
# the build-worker the first time a go1 service is built.
RUNTIME_RECIPES_AT_START=(base)

ensure_runtime_images() {
  local recipe image missing=()
  for recipe in "${RUNTIME_RECIPES_AT_START[@]}"; do
    image=$("$RUNWAY_ROOT/deploy/images/runtime/build.sh" --tag "$recipe")
    docker image inspect "$image" >/dev/null 2>&1 || missing+=("$recipe")
  done
  if (( ${#missing[@]} == 0 )); then
    step_skip "runtime images present"
    return 0
  fi
  _break_line
  for recipe in "${missing[@]}"; do
    info "building the $recipe runtime image from Debian packages (a few minutes, once per machine) ..."
    "$RUNWAY_ROOT/deploy/images/runtime/build.sh" "$recipe" > "$(log_file "runtime-image-$recipe")" 2>&1 || {
      log_tail "runtime-image-$recipe"
      die "building the $recipe runtime image failed"
    }
  done
  step_done "built ${missing[*]}"
}
