; Puts the `agent-connections` command (resources\bin) on the user's PATH, as VS Code's installer
; does for `code`, and takes it off again on uninstall. Included by electron-builder (nsis.include).
!include "WinMessages.nsh"

!macro customInstall
  ReadRegStr $0 HKCU "Environment" "Path"
  StrCmp $0 "" 0 +3
    WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR\resources\bin"
    Goto agentConnectionsPathDone
  WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR\resources\bin"
  agentConnectionsPathDone:
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
!macroend

!macro customUnInstall
  ; The PATH entry is left to the user's own edit when it is not exactly ours at the end.
  ReadRegStr $0 HKCU "Environment" "Path"
  StrCmp $0 "$INSTDIR\resources\bin" 0 +2
    DeleteRegValue HKCU "Environment" "Path"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
!macroend
