package main

import (
	"syscall"
	"unsafe"
)

// adviseHugePages asks Linux to back x with 2 MiB pages where it can
// (madvise MADV_HUGEPAGE), as numpy does for its large arrays: a row
// drawn at random from a large table then costs fewer misses of the
// processor's page-translation cache. It must be called before x is first
// written. Errors are ignored: the advice is only advice.
func adviseHugePages(x []float64) {
	if len(x) == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), len(x)*8)
	syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
