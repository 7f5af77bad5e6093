<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ActionRow</name>
    <message>
        <source>More actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up trayscore...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the {title} page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>{source}: no history yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} since the first reading {age}: from {first} to {last}, minimum {low}, maximum {high}, now {band}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{source} over %n day(s): from {first} to {last}, minimum {low}, maximum {high}, now {band}</source>
        <translation>
            <numerusform>{source} over %n day: from {first} to {last}, minimum {low}, maximum {high}, now {band}</numerusform>
            <numerusform>{source} over %n days: from {first} to {last}, minimum {low}, maximum {high}, now {band}</numerusform>
        </translation>
    </message>
    <message>
        <source>History chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <source>a proxy or security product may inspect TLS (TLS inspection): ask IT for its CA certificate and set REQUESTS_CA_BUNDLE (and SSL_CERT_FILE) to that PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the network, DNS, firewall or proxy (HTTPS_PROXY) settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>api</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} {name}: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{line} → {fix}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fix settings.toml at {path} (or the TRAYSCORE_* variable named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} tenants listed; the checks below read the first, {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid ({path}; cloud {cloud})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid (no file at {path}, defaults in force; cloud {cloud})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator&apos;s settings: {files}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edit {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install and unlock a Secret Service such as gnome-keyring or KWallet (or unlock the system keychain); until then sign-in lasts only until trayscore quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unusable: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{backend} cannot store an entry ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{backend}: write and delete work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown by Windows through the tray icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if none appear, allow notifications for trayscore in Settings &gt; System &gt; Notifications and check Do not disturb (Focus assist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown by macOS through the menu bar icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if none appear, allow them in System Settings &gt; Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start a notification daemon (dunst, mako, your desktop&apos;s) for desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no session bus: notifications use the tray balloon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no service: notifications use the tray balloon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a notification service answers on the session bus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt did not answer within {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tray probe cannot start ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tray host answers (X11 system tray or StatusNotifierItem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tray host: trayscore shows its score in a small window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start a panel with a system tray (on GNOME: the AppIndicator extension)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{program}` runs another trayscore, without the tray probe (exit {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reinstall trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the display cannot be opened ({ending})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set DISPLAY (or WAYLAND_DISPLAY) to the session&apos;s display, and QT_QPA_PLATFORM only to a platform that can show it; `trayscore score` works without one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signal {signal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the tray inside a desktop session; `trayscore score` works here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot connect to {where}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start the service at {url} or correct the URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} accepts connections (plain http, loopback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS lookup of {host} failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA bundle cannot be read ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>point REQUESTS_CA_BUNDLE at a PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate of {where} not trusted: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake with {where} failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: DNS and TLS work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot connect to the proxy {proxy}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start the proxy at {proxy} or correct {variable} (unset it for no proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS to {url} through the proxy {proxy} failed certificate checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url} unreachable through the proxy {proxy} ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url} answers through the proxy {proxy} ({variable})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy {proxy} refused {where}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask IT whether the proxy {proxy} lets {where} through and needs a user name and password, or correct {variable}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{variable} is set: requests use it (not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run `trayscore setup`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no app registration configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run `trayscore login`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access token cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access token expired (refreshed silently on the next request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access token expires in {minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in as {account} (tenant {tenant}); {expiry}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set up: no tenant and client ID in {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set up: there is no settings file at {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run `trayscore setup` (your administrator has the tenant and client ID; guide: {url})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set source = &quot;secure-score&quot; in the settings (or TRAYSCORE_SOURCE=secure-score)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Defender API stopped on 1 February 2027; Microsoft Secure Score keeps working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Defender API stops tomorrow, 1 February 2027; Microsoft Secure Score keeps working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Defender API stops on 1 February 2027, in {days} days; Microsoft Secure Score keeps working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens go only to Microsoft&apos;s hosts for cloud {cloud}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens go to {hosts}, not a Microsoft host of cloud {cloud}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove api_url or graph_url unless you trust that host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no entries yet ({path})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see the message above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check failed ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: the settings are invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: the API is unreachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Check the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed: choose Sign in... in the trayscore menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but without permission to read the score (Score.Read and a Defender role).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defender Vulnerability Management is not enabled or licensed for this tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The score&apos;s address was not found: check the cloud and region in settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft retired the Defender for Endpoint API: choose Secure Score in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests: trayscore waits as the service asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Defender service is not answering properly; trying again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the Defender service: check the network or the proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection failed (a TLS-inspecting proxy?). See trayscore doctor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be used; trying again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetApp</name>
    <message>
        <source>Not signed in: open this tenant and choose Sign in...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetNotices</name>
    <message numerus="yes">
        <source>Scores changed in %n tenant(s)</source>
        <translation>
            <numerusform>Score changed in %n tenant</numerusform>
            <numerusform>Scores changed in %n tenants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tenant(s) worsened</source>
        <translation>
            <numerusform>%n tenant worsened</numerusform>
            <numerusform>%n tenants worsened</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FleetPopup</name>
    <message>
        <source>trayscore - tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: simulated tenants, not yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenants, worst first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tenant(s), worst first</source>
        <translation>
            <numerusform>%n tenant</numerusform>
            <numerusform>%n tenants, worst first</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every tenant&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetSurfaces</name>
    <message>
        <source>trayscore - {tenant}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tenant}: {headline}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the history: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tenants are simulated. To watch your own, list them as [[tenants]] in {path} and start trayscore without --demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore: several tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore {version}
{count} tenants: the icon shows the worst one.
Settings: {settings}
History: {data}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetWords</name>
    <message>
        <source>{number}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} {score} ({band})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n other(s): {counts}</source>
        <translation>
            <numerusform>%n other: {counts}</numerusform>
            <numerusform>%n others: {counts}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) sign-in</source>
        <translation>
            <numerusform>%n needs sign-in</numerusform>
            <numerusform>%n need sign-in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unavailable</source>
        <translation>
            <numerusform>%n unavailable</numerusform>
            <numerusform>%n unavailable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without data yet</source>
        <translation>
            <numerusform>%n without data yet</numerusform>
            <numerusform>%n without data yet</numerusform>
        </translation>
    </message>
    <message>
        <source>No scores yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tenant(s), no score yet</source>
        <translation>
            <numerusform>%n tenant, no score yet</numerusform>
            <numerusform>%n tenants, no score yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Worst of %n tenant(s): {worst}</source>
        <translation>
            <numerusform>%n tenant: {worst}</numerusform>
            <numerusform>Worst of %n tenants: {worst}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlanceWindow</name>
    <message>
        <source>Drag to move; right-click for the menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the history; the Menu key or Shift+F10 opens the menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score icon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryAge</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>trayscore - history</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more group(s)</source>
        <translation>
            <numerusform>and %n more group</numerusform>
            <numerusform>and %n more groups</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the Secure Score from now on; the settings file is updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies the score and its changes as one line of text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the whole history as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant {tenant}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since first reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period}: no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since first reading ({age})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change over {period}: no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up {amount}, better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down {amount}, better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up {amount}, worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down {amount}, worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change since the first reading {age} (less than {period} of history): {change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change over {period}: {change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{verdict} (trayscore&apos;s bands)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {score} ({band}: {severity})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure by device group, worst first (lower is better):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>trayscore - open this link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser opened. Open this address in a browser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Show history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore: sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} cannot be read until you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new score since {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new score for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sentence} {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} not updating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} updating again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} worsened: now {band}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} improved: now {band}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} rising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} falling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} is {score} ({band}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} rose to {score} ({band}), up {change} since {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject} fell to {score} ({band}), down {change} since {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating again: {score} ({band}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tenant}: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tenant}: now {band} ({score})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show tenants</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Popup</name>
    <message>
        <source>No history yet: the first reading appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min {low} / max {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} ({band}) since {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PopupHeader</name>
    <message>
        <source>Demo: simulated data, not your tenant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Retirement</name>
    <message>
        <source>Microsoft retired the Defender API on {date}; Microsoft Secure Score keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Defender API stops tomorrow, {date}; Microsoft Secure Score keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Defender API stops on {date}, in {days} days; Microsoft Secure Score keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Defender API is retiring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to Secure Score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>trayscore - settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start tr&amp;ayscore when I sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some settings could not be used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set for this session by the environment variable {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft commercial cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Government Community Cloud (GCC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Government GCC High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Government DoD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cloud:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your administrator has the tenant and client ID (&lt;a href=&quot;{url}&quot;&gt;how to register trayscore&lt;/a&gt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the tenant and client ID come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant GUID or contoso.onmicrosoft.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>application (client) ID, a GUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only on Windows and macOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission: {permission}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score sho&amp;wn in the icon:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each tenant in the list names its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK &amp;&amp; sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the nu&amp;mber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ic&amp;on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score ris&amp;es</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monochrome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect when trayscore starts again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Band changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in &amp;needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reco&amp;very after an outage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rise of at least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outage longer than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: enter both the tenant and the client ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: a name for this tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another tenant has this name already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: the tenant (or an authority).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: a client ID here or in the Account group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown in the list of tenants, e.g. Contoso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank: shared from the Account group&apos;s client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authority (advanced):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a sign-in authority URL of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared: the Account group&apos;s cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared: the score shown in the icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score shown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{action} ({key} in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your administrator: the list cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One tenant: the Account group&apos;s. Add starts a list of several, beginning with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore shows these tenants, in this order, in one tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To fix: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}, needs fixing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>Sign in to trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your browser... Finish signing in there; this closes by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Microsoft for a sign-in code...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On any device, open {url} and enter this code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser opened. On any device, open {url} and enter this code:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenantWords</name>
    <message>
        <source>{score} ({band}: {severity})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{arrow} {amount} in 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed: open this row and choose Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {headline}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{severity}, {direction}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device secure score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exposure score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device secure score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Secure Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} {score} ({band})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore: not set up yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} {score} ({band}: {verdict})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next refresh {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as of {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refreshing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Tokens go to {hosts}, not Microsoft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} ({band}), as of {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set up yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayApp</name>
    <message>
        <source>Demo (simulated tenant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No published maximum, so no band to show: choose another score in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set up: choose Set up trayscore... to enter your tenant and client ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: choose Sign in... in the trayscore menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out. Sign in to see the score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the history: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: lower is better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: higher is better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore {version}
Your organisation&apos;s Microsoft security score, at a glance.
{direction}

Settings: {settings}
History: {history}
Log: {log}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the settings to {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore - demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the demo: it shows a simulated tenant, and its settings are not saved. Set up my tenant... leaves the demo and starts trayscore for your organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up my tenant...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore - settings problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some settings could not be used, so trayscore started with their defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}

Your file {path} was left as it is. Saving from Settings keeps a copy of it beside the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore restarts to read the new list of tenants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore restarts to use the new settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayView</name>
    <message>
        <source>Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up trayscore...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Defender portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>For %n hour(s)</source>
        <translation>
            <numerusform>For %n hour</numerusform>
            <numerusform>For %n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>Until midnight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications snoozed until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out {account}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trayscore shows your organisation&apos;s Microsoft Defender exposure score. To read it, trayscore needs two values from your administrator: your tenant (its ID or a domain such as contoso.onmicrosoft.com) and the client ID of an app registration with the delegated permission Score.Read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to create the app registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the guide in your web browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set up trayscore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
