<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
        <source>The score&apos;s address was not found: check the cloud and region in settings.</source>
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
    <name>GlanceWindow</name>
    <message>
        <source>Drag to move; right-click for the menu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>trayscore - history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period}: -</source>
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
        <source>Export history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
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
        <source>The exposure score cannot be read until you sign in again.</source>
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
        <source>Exposure score not updating</source>
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
        <source>Exposure score updating again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score now {band}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score rising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score falling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score is {score} ({band}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score rose to {score} ({band}), up {change} since {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score fell to {score} ({band}), down {change} since {time}.</source>
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
    <name>SettingsDialog</name>
    <message>
        <source>trayscore - settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start trayscore when I sign in</source>
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
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;efresh every:</source>
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
        <source>Show the &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Icon:</source>
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
        <source>Score &amp;rises</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in &amp;needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outages</source>
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
        <source>Allowed: {what}.</source>
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
        <source>d MMM yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score {score} ({band})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score: sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure score: no data yet</source>
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
        <source>next {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} ({band}), as of {time}</source>
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
        <source>Not set up yet: enter your tenant and client ID in Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: choose Sign in... in the trayscore menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to trayscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {url} on any device and enter the code {code}.</source>
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
        <source>Could not save the settings to {path}: {reason}</source>
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
        <source>trayscore {version}
Your organisation&apos;s Microsoft Defender exposure score, at a glance. Lower is better.</source>
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
        <source>Until tomorrow</source>
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
        <source>Open &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
