@echo off
rem `agent-connections` as the installed desktop app ships it (resources\bin\); the installer puts this folder on the PATH.
setlocal
set "RESOURCES=%~dp0.."
where node >nul 2>nul
if %ERRORLEVEL% equ 0 (
  node "%RESOURCES%\app.asar.unpacked\out\cli\agent-connections.mjs" %*
  exit /b %ERRORLEVEL%
)
"%RESOURCES%\..\Agent Connections.exe" --agent-connections-cli %*
exit /b %ERRORLEVEL%
