; Inno Setup 6 script for tafdesk on Windows. It packs the PyInstaller bundle
; (dist\tafdesk, built on Windows: see installer\README.md) into one setup
; program, dist\tafdesk-VERSION-setup.exe. From the repository root:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\tafdesk.iss
; It cannot be built on Linux: Inno Setup and the Windows bundle are Windows-only.
;
; Per machine (Program Files, for council IT; the default) or per user (the
; user's own programs folder, no administrator needed): the setup asks, and
; `/ALLUSERS` or `/CURRENTUSER` on the command line chooses silently (with /VERYSILENT
; for deployment tools).
;
; Uninstalling removes only the program. The user's data stays where tafdesk
; keeps it, outside the program's folder: the database, backups, logs and
; draft journal in %LOCALAPPDATA%\tafdesk, the settings in the registry
; (HKCU\Software\tafdesk), the draft key in Windows Credential Manager.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Bundle "..\..\dist\tafdesk"

[Setup]
AppId={{6F1C2B9E-4A7D-4E55-9C1E-7D2B8A0F3C41}
AppName=tafdesk
AppVersion={#AppVersion}
AppVerName=tafdesk {#AppVersion}
AppPublisher=The tafdesk developers
DefaultDirName={autopf}\tafdesk
DefaultGroupName=tafdesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=tafdesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\tafdesk-gui.exe
UninstallDisplayName=tafdesk {#AppVersion}
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Languages\English.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: tafdesk.exe (command line), tafdesk-gui.exe (the window, no console) and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\tafdesk"; Filename: "{app}\tafdesk-gui.exe"; Comment: "Early help case allocation meetings and TAF plans"
Name: "{autodesktop}\tafdesk"; Filename: "{app}\tafdesk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\tafdesk-gui.exe"; Description: "{cm:LaunchProgram,tafdesk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: %LOCALAPPDATA%\tafdesk holds families' records, which
; are not the uninstaller's to delete (the program writes nothing beside itself).
