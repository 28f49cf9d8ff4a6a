/* Test-harness shim for Wine 8, which lacks bcryptprimitives.dll. Rust's standard library imports
 * ProcessPrng from it on Windows; real Windows 10 and later ship the DLL. This stand-in forwards
 * to advapi32's RtlGenRandom (exported as SystemFunction036). It is copied only into the Wine
 * prefix of the tests and never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
