# shellcheck shell=bash
# ccache for the userspace builds the tier scripts drive (nvgspctl for the
# guests and the tools tier): the cache and settings of tests/lib/ccache.mk.
#
#   nvgsp_ccache_setup    exports the ccache settings and sets NVGSP_CCACHE to
#                         the ccache program, or to nothing when it is not
#                         installed or CCACHE= (empty) is in the environment;
#                         pass it on as make CCACHE="$NVGSP_CCACHE".

nvgsp_ccache_setup() {
	NVGSP_CCACHE=
	if [ "${CCACHE-unset}" = "" ]; then
		return 0
	fi
	NVGSP_CCACHE=$(command -v ccache 2>/dev/null) || { NVGSP_CCACHE=; return 0; }
	export CCACHE_DIR=${CCACHE_DIR:-${NVGSP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nvgsp}/ccache}
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-1G}
	export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
}
