<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Errors</name>
    <message>
        <source>Check the settings.</source>
        <translation>Vérifiez les réglages.</translation>
    </message>
    <message>
        <source>Sign-in needed: choose Sign in... in the trayscore menu.</source>
        <translation>Connexion requise : choisissez « Se connecter… » dans le menu de trayscore.</translation>
    </message>
    <message>
        <source>Signed in, but without permission to read the score (Score.Read and a Defender role).</source>
        <translation>Connecté, mais sans autorisation de lire le score (Score.Read et un rôle Defender).</translation>
    </message>
    <message>
        <source>The score&apos;s address was not found: check the cloud and region in settings.</source>
        <translation>L&apos;adresse du score est introuvable : vérifiez le cloud et la région dans les réglages.</translation>
    </message>
    <message>
        <source>Too many requests: trayscore waits as the service asked.</source>
        <translation>Trop de requêtes : trayscore patiente comme le service l&apos;a demandé.</translation>
    </message>
    <message>
        <source>The Defender service is not answering properly; trying again later.</source>
        <translation>Le service Defender ne répond pas correctement ; nouvel essai plus tard.</translation>
    </message>
    <message>
        <source>Cannot reach the Defender service: check the network or the proxy.</source>
        <translation>Impossible de joindre le service Defender : vérifiez le réseau ou le proxy.</translation>
    </message>
    <message>
        <source>The secure connection failed (a TLS-inspecting proxy?). See trayscore doctor.</source>
        <translation>La connexion sécurisée a échoué (un proxy d&apos;inspection TLS ?). Voir trayscore doctor.</translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be used; trying again later.</source>
        <translation>La réponse du service est inutilisable ; nouvel essai plus tard.</translation>
    </message>
</context>
<context>
    <name>GlanceWindow</name>
    <message>
        <source>Drag to move; right-click for the menu</source>
        <translation>Faites glisser pour déplacer ; clic droit pour le menu</translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>trayscore - history</source>
        <translation>trayscore - historique</translation>
    </message>
    <message>
        <source>Copy summary</source>
        <translation>Copier le résumé</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>{period}: -</source>
        <translation>{period} : -</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 j</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 j</translation>
    </message>
    <message>
        <source>90 d</source>
        <translation>90 j</translation>
    </message>
    <message>
        <source>1 y</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Show history</source>
        <translation>Afficher l&apos;historique</translation>
    </message>
    <message>
        <source>trayscore: sign-in needed</source>
        <translation>trayscore : connexion requise</translation>
    </message>
    <message>
        <source>The exposure score cannot be read until you sign in again.</source>
        <translation>Le score d&apos;exposition ne peut plus être lu tant que vous ne vous reconnectez pas.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>No new score since {time}.</source>
        <translation>Aucun nouveau score depuis {time}.</translation>
    </message>
    <message>
        <source>No new score for a while.</source>
        <translation>Aucun nouveau score depuis un moment.</translation>
    </message>
    <message>
        <source>{sentence} {problem}</source>
        <translation>{sentence} {problem}</translation>
    </message>
    <message>
        <source>Exposure score not updating</source>
        <translation>Le score d&apos;exposition n&apos;est plus actualisé</translation>
    </message>
    <message>
        <source>Updating again: {score} ({band}).</source>
        <translation>De nouveau actualisé : {score} ({band}).</translation>
    </message>
    <message>
        <source>Updating again.</source>
        <translation>De nouveau actualisé.</translation>
    </message>
    <message>
        <source>Exposure score updating again</source>
        <translation>Le score d&apos;exposition est de nouveau actualisé</translation>
    </message>
    <message>
        <source>Exposure score now {band}</source>
        <translation>Score d&apos;exposition désormais {band}</translation>
    </message>
    <message>
        <source>Exposure score rising</source>
        <translation>Le score d&apos;exposition augmente</translation>
    </message>
    <message>
        <source>Exposure score falling</source>
        <translation>Le score d&apos;exposition baisse</translation>
    </message>
    <message>
        <source>Exposure score is {score} ({band}).</source>
        <translation>Le score d&apos;exposition est de {score} ({band}).</translation>
    </message>
    <message>
        <source>Exposure score rose to {score} ({band}), up {change} since {time}.</source>
        <translation>Le score d&apos;exposition est monté à {score} ({band}), soit {change} de plus depuis {time}.</translation>
    </message>
    <message>
        <source>Exposure score fell to {score} ({band}), down {change} since {time}.</source>
        <translation>Le score d&apos;exposition est descendu à {score} ({band}), soit {change} de moins depuis {time}.</translation>
    </message>
</context>
<context>
    <name>Popup</name>
    <message>
        <source>No history yet: the first reading appears here.</source>
        <translation>Pas encore d&apos;historique : le premier relevé s&apos;affichera ici.</translation>
    </message>
    <message>
        <source>min {low} / max {high}</source>
        <translation>min {low} / max {high}</translation>
    </message>
    <message>
        <source>{score} ({band}) since {time}</source>
        <translation>{score} ({band}) depuis {time}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>trayscore - settings</source>
        <translation>trayscore - réglages</translation>
    </message>
    <message>
        <source>&amp;Start trayscore when I sign in</source>
        <translation>&amp;Démarrer trayscore à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
    <message>
        <source>Set for this session by the environment variable {name}</source>
        <translation>Défini pour cette session par la variable d&apos;environnement {name}</translation>
    </message>
    <message>
        <source>Microsoft commercial cloud</source>
        <translation>Cloud commercial Microsoft</translation>
    </message>
    <message>
        <source>US Government Community Cloud (GCC)</source>
        <translation>Cloud US Government Community (GCC)</translation>
    </message>
    <message>
        <source>US Government GCC High</source>
        <translation>US Government GCC High</translation>
    </message>
    <message>
        <source>US Government DoD</source>
        <translation>US Government DoD</translation>
    </message>
    <message>
        <source>&amp;Cloud:</source>
        <translation>&amp;Cloud :</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Région :</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Locataire :</translation>
    </message>
    <message>
        <source>tenant GUID or contoso.onmicrosoft.com</source>
        <translation>GUID du locataire ou contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>&amp;ID client :</translation>
    </message>
    <message>
        <source>application (client) ID, a GUID</source>
        <translation>ID d&apos;application (client), un GUID</translation>
    </message>
    <message>
        <source>System browser</source>
        <translation>Navigateur du système</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>Code d&apos;appareil</translation>
    </message>
    <message>
        <source>Operating system broker</source>
        <translation>Répartiteur d&apos;authentification du système</translation>
    </message>
    <message>
        <source>Only on Windows and macOS</source>
        <translation>Uniquement sous Windows et macOS</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>&amp;Connexion par :</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>R&amp;efresh every:</source>
        <translation>&amp;Actualiser toutes les :</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Monochrome</source>
        <translation>Monochrome</translation>
    </message>
    <message>
        <source>Show the &amp;number</source>
        <translation>Afficher le &amp;nombre</translation>
    </message>
    <message>
        <source>&amp;Icon:</source>
        <translation>&amp;Icône :</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Takes effect when trayscore starts again</source>
        <translation>Prend effet au prochain démarrage de trayscore</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Lan&amp;gue :</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>&amp;Band changes</source>
        <translation>Changements de nive&amp;au</translation>
    </message>
    <message>
        <source>Score &amp;rises</source>
        <translation>Hau&amp;sses du score</translation>
    </message>
    <message>
        <source>Sign-in &amp;needed</source>
        <translation>Connexion re&amp;quise</translation>
    </message>
    <message>
        <source>&amp;Outages</source>
        <translation>&amp;Pannes</translation>
    </message>
    <message>
        <source>Reco&amp;very after an outage</source>
        <translation>Ré&amp;tablissement après une panne</translation>
    </message>
    <message>
        <source> points</source>
        <translation> points</translation>
    </message>
    <message>
        <source>Rise of at least:</source>
        <translation>Hausse d&apos;au moins :</translation>
    </message>
    <message>
        <source>Outage longer than:</source>
        <translation>Panne de plus de :</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Allowed: {what}.</source>
        <translation>Valeurs admises : {what}.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>{day}, {time}</translation>
    </message>
    <message>
        <source>Exposure score {score} ({band})</source>
        <translation>Score d&apos;exposition {score} ({band})</translation>
    </message>
    <message>
        <source> - out of date</source>
        <translation> - périmé</translation>
    </message>
    <message>
        <source>Exposure score: sign-in needed</source>
        <translation>Score d&apos;exposition : connexion requise</translation>
    </message>
    <message>
        <source>Exposure score unavailable</source>
        <translation>Score d&apos;exposition indisponible</translation>
    </message>
    <message>
        <source>Exposure score: no data yet</source>
        <translation>Score d&apos;exposition : pas encore de données</translation>
    </message>
    <message>
        <source>as of {time}</source>
        <translation>à jour à {time}</translation>
    </message>
    <message>
        <source>updated {time}</source>
        <translation>actualisé à {time}</translation>
    </message>
    <message>
        <source>refreshing...</source>
        <translation>actualisation…</translation>
    </message>
    <message>
        <source>next {time}</source>
        <translation>prochaine à {time}</translation>
    </message>
    <message>
        <source>{score} ({band}), as of {time}</source>
        <translation>{score} ({band}) · à jour à {time}</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>Connexion requise</translation>
    </message>
    <message>
        <source>Score unavailable</source>
        <translation>Score indisponible</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Pas encore de données</translation>
    </message>
</context>
<context>
    <name>TrayApp</name>
    <message>
        <source>Demo (simulated tenant)</source>
        <translation>Démo (locataire simulé)</translation>
    </message>
    <message>
        <source>Settings file problem: {problem}</source>
        <translation>Problème dans le fichier de réglages : {problem}</translation>
    </message>
    <message>
        <source>Not set up yet: enter your tenant and client ID in Settings...</source>
        <translation>Pas encore configuré : saisissez votre locataire et votre ID client dans Réglages…</translation>
    </message>
    <message>
        <source>Not signed in: choose Sign in... in the trayscore menu.</source>
        <translation>Non connecté : choisissez « Se connecter… » dans le menu de trayscore.</translation>
    </message>
    <message>
        <source>Sign in to trayscore</source>
        <translation>Se connecter à trayscore</translation>
    </message>
    <message>
        <source>Open {url} on any device and enter the code {code}.</source>
        <translation>Ouvrez {url} sur n&apos;importe quel appareil et saisissez le code {code}.</translation>
    </message>
    <message>
        <source>Signed out. Sign in to see the score.</source>
        <translation>Déconnecté. Connectez-vous pour voir le score.</translation>
    </message>
    <message>
        <source>Could not export the history: {reason}</source>
        <translation>Impossible d&apos;exporter l&apos;historique : {reason}</translation>
    </message>
    <message>
        <source>Could not save the settings to {path}: {reason}</source>
        <translation>Impossible d&apos;enregistrer les réglages dans {path} : {reason}</translation>
    </message>
    <message>
        <source>trayscore</source>
        <translation>trayscore</translation>
    </message>
    <message>
        <source>trayscore - settings problem</source>
        <translation>trayscore - problème de réglages</translation>
    </message>
    <message>
        <source>Some settings could not be used, so trayscore started with their defaults.</source>
        <translation>Certains réglages sont inutilisables : trayscore a démarré avec leurs valeurs par défaut.</translation>
    </message>
    <message>
        <source>{problem}

Your file {path} was left as it is. Saving from Settings keeps a copy of it beside the new one.</source>
        <translation>{problem}

Votre fichier {path} n&apos;a pas été modifié. Un enregistrement depuis Réglages en garde une copie à côté du nouveau.</translation>
    </message>
    <message>
        <source>Open &amp;Settings...</source>
        <translation>Ouvrir les &amp;réglages…</translation>
    </message>
    <message>
        <source>About trayscore</source>
        <translation>À propos de trayscore</translation>
    </message>
    <message>
        <source>trayscore {version}
Your organisation&apos;s Microsoft Defender exposure score, at a glance. Lower is better.</source>
        <translation>trayscore {version}
Le score d&apos;exposition Microsoft Defender de votre organisation, d&apos;un coup d&apos;œil. Plus il est bas, mieux c&apos;est.</translation>
    </message>
</context>
<context>
    <name>TrayView</name>
    <message>
        <source>Refresh now</source>
        <translation>Actualiser maintenant</translation>
    </message>
    <message>
        <source>Show history</source>
        <translation>Afficher l&apos;historique</translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>Open Defender portal</source>
        <translation>Ouvrir le portail Defender</translation>
    </message>
    <message>
        <source>About trayscore</source>
        <translation>À propos de trayscore</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Snooze notifications</source>
        <translation>Suspendre les notifications</translation>
    </message>
    <message numerus="yes">
        <source>For %n hour(s)</source>
        <translation>
            <numerusform>Pendant %n heure</numerusform>
            <numerusform>Pendant %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Jusqu&apos;à demain</translation>
    </message>
    <message>
        <source>Resume notifications</source>
        <translation>Reprendre les notifications</translation>
    </message>
    <message>
        <source>Notifications snoozed until {time}</source>
        <translation>Notifications suspendues jusqu&apos;à {time}</translation>
    </message>
    <message>
        <source>Sign out {account}</source>
        <translation>Déconnecter {account}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to trayscore</source>
        <translation>Bienvenue dans trayscore</translation>
    </message>
    <message>
        <source>trayscore shows your organisation&apos;s Microsoft Defender exposure score. To read it, trayscore needs two values from your administrator: your tenant (its ID or a domain such as contoso.onmicrosoft.com) and the client ID of an app registration with the delegated permission Score.Read.</source>
        <translation>trayscore affiche le score d&apos;exposition Microsoft Defender de votre organisation. Pour le lire, trayscore a besoin de deux valeurs fournies par votre administrateur : votre locataire (son ID ou un domaine tel que contoso.onmicrosoft.com) et l&apos;ID client d&apos;une inscription d&apos;application disposant de l&apos;autorisation déléguée Score.Read.</translation>
    </message>
    <message>
        <source>How to create the app registration</source>
        <translation>Comment créer l&apos;inscription d&apos;application</translation>
    </message>
    <message>
        <source>Open &amp;settings…</source>
        <translation>Ouvrir les &amp;réglages…</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Essayer la &amp;démo</translation>
    </message>
</context>
</TS>
