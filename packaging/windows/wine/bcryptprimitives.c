/* Build-and-test-only stand-in for Windows 10's bcryptprimitives.dll, which Wine 8.0 lacks.
 *
 * Rust's standard library (cryptography's _rust.pyd) imports ProcessPrng from it since Rust
 * 1.78. This forwards to bcrypt.dll's system RNG, which Wine has: real random bytes, not a
 * fake. It goes into the Wine prefix's system32 only, never into the app or an installer.
 * Built by packaging/build.py with x86_64-w64-mingw32-gcc (Debian gcc-mingw-w64-x86-64-win32).
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
