package neuron

import (
	"syscall"
	"unsafe"
)

// adviseLarge asks Linux to back s with 2 MiB pages where it can (madvise
// MADV_HUGEPAGE), before s is first written. It is only advice: errors
// are ignored, and the kernel may decline.
func adviseLarge(s []float64) {
	if len(s) == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*8)
	syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
