; trayscore's per-user setup.exe, built on Linux by `python3 packaging/build.py windows` with
; Debian's makensis (NSIS 3). No administrator rights: it installs to
; %LOCALAPPDATA%\Programs\trayscore, adds a Start-menu entry, an optional start at login (the same
; HKCU Run value `trayscore autostart on` writes) and an Apps & features entry.
; Silent: setup.exe /S (add /NOAUTOSTART to skip start at login).
; Uninstall: removes the program, its shortcut, its Run value and its Apps & features entry; the
; user's settings and history (%LOCALAPPDATA%\trayscore) stay unless the user says so or /PURGE.
; build.py passes: VERSION, VERSION4 (a.b.c.d), SOURCE (the frozen folder), OUTFILE, ICON.

; A 64-bit installer for the 64-bit app (Debian's nsis ships the amd64-unicode stubs): it also
; runs where only 64-bit Windows programs can (Wine without wine32, Windows on Arm's x64 layer).
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define APP "trayscore"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} setup"
VIAddVersionKey /LANG=1033 "CompanyName" "trayscore developers"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"

LangString AUTOSTART_NAME ${LANG_ENGLISH} "Start trayscore when I sign in"
LangString AUTOSTART_NAME ${LANG_FRENCH} "Démarrer trayscore à l'ouverture de session"
LangString PURGE_ASK ${LANG_ENGLISH} "Also remove your trayscore settings and history?"
LangString PURGE_ASK ${LANG_FRENCH} "Supprimer aussi vos réglages et votre historique trayscore ?"

Section "-${APP}" SecApp
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "trayscore developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(AUTOSTART_NAME)" SecAutostart
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/NOAUTOSTART" $1
  IfErrors 0 skip
  ; The value `trayscore autostart on` writes (trayscore/autostart.py: the quoted program).
  WriteRegStr HKCU "${RUN_KEY}" "${APP}" '"$INSTDIR\${APP}.exe"'
  skip:
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  DeleteRegValue HKCU "${RUN_KEY}" "${APP}"
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/PURGE" $1
  IfErrors 0 purge
  IfSilent done
  MessageBox MB_YESNO|MB_DEFBUTTON2 "$(PURGE_ASK)" IDYES purge IDNO done
  purge:
  RMDir /r "$LOCALAPPDATA\${APP}"
  done:
SectionEnd
