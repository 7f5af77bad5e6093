; Inno Setup script for trayscore on Windows. NOT BUILT OR TESTED on the Linux machines where
; trayscore is developed: review it on Windows (see docs/packaging.md). Built by build.ps1,
; which passes /DAppVersion=<version> and expects the PyInstaller bundle in ..\..\build\windows.
; Per-user install without administrator rights; the uninstaller also removes the autostart
; value that trayscore's own "Start at login" setting writes (same key and name).

#ifndef AppVersion
  #error Pass /DAppVersion=<version> (build.ps1 does)
#endif

[Setup]
AppId={{6A3F0E6C-4E0B-4F5B-9D1B-1C1B3F1E7A52}
AppName=trayscore
AppVersion={#AppVersion}
AppPublisher=trayscore developers
AppPublisherURL=https://github.com/trayscore/trayscore
DefaultDirName={localappdata}\Programs\trayscore
DefaultGroupName=trayscore
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=trayscore-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\trayscore.ico
UninstallDisplayIcon={app}\trayscore.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "autostart"; Description: "Start trayscore when I sign in"; Flags: unchecked

[Files]
Source: "..\..\build\windows\trayscore\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\trayscore"; Filename: "{app}\trayscore.exe"

[Registry]
; The same value trayscore/autostart.py writes and removes (HKCU Run, name "trayscore").
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "trayscore"; ValueData: """{app}\trayscore.exe"""; Tasks: autostart; \
  Flags: uninsdeletevalue

[UninstallRun]
Filename: "{cmd}"; Parameters: "/C taskkill /IM trayscore.exe /F"; Flags: runhidden; RunOnceId: "StopTrayscore"

[UninstallDelete]
; Whether set by this installer or by the app's settings, the autostart value goes with it.
Type: files; Name: "{app}\*.log"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RegDeleteValue(HKCU, 'Software\Microsoft\Windows\CurrentVersion\Run', 'trayscore');
end;
