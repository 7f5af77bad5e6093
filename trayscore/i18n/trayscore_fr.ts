<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ActionRow</name>
    <message>
        <source>More actions</source>
        <translation>Autres actions</translation>
    </message>
    <message>
        <source>Set up trayscore...</source>
        <translation>Configurer trayscore...</translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <source>Open the {title} page</source>
        <translation>Ouvrir la page {title}</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>{source}: no history yet</source>
        <translation>{source} : pas encore d&apos;historique</translation>
    </message>
    <message>
        <source>{source} since the first reading {age}: from {first} to {last}, minimum {low}, maximum {high}, now {band}</source>
        <translation>{source} depuis le premier relevé, {age} : de {first} à {last}, minimum {low}, maximum {high}, maintenant {band}</translation>
    </message>
    <message numerus="yes">
        <source>{source} over %n day(s): from {first} to {last}, minimum {low}, maximum {high}, now {band}</source>
        <translation>
            <numerusform>{source} sur %n jour : de {first} à {last}, minimum {low}, maximum {high}, maintenant {band}</numerusform>
            <numerusform>{source} sur %n jours : de {first} à {last}, minimum {low}, maximum {high}, maintenant {band}</numerusform>
        </translation>
    </message>
    <message>
        <source>History chart</source>
        <translation>Graphique de l&apos;historique</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <source>a proxy or security product may inspect TLS (TLS inspection): ask IT for its CA certificate and set REQUESTS_CA_BUNDLE (and SSL_CERT_FILE) to that PEM file</source>
        <translation>un proxy ou un produit de sécurité inspecte peut-être TLS (inspection TLS) : demandez son certificat d&apos;autorité au service informatique et indiquez ce fichier PEM dans REQUESTS_CA_BUNDLE (et SSL_CERT_FILE)</translation>
    </message>
    <message>
        <source>check the network, DNS, firewall or proxy (HTTPS_PROXY) settings</source>
        <translation>vérifiez le réseau, le DNS, le pare-feu ou le proxy (HTTPS_PROXY)</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>réglages</translation>
    </message>
    <message>
        <source>keyring</source>
        <translation>trousseau</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>notifications</translation>
    </message>
    <message>
        <source>system tray</source>
        <translation>zone de notification</translation>
    </message>
    <message>
        <source>authority</source>
        <translation>autorité</translation>
    </message>
    <message>
        <source>api</source>
        <translation>api</translation>
    </message>
    <message>
        <source>account</source>
        <translation>compte</translation>
    </message>
    <message>
        <source>score</source>
        <translation>score</translation>
    </message>
    <message>
        <source>retirement</source>
        <translation>retrait</translation>
    </message>
    <message>
        <source>history</source>
        <translation>historique</translation>
    </message>
    <message>
        <source>versions</source>
        <translation>versions</translation>
    </message>
    <message>
        <source>{mark} {name}: {detail}</source>
        <translation>{mark} {name} : {detail}</translation>
    </message>
    <message>
        <source>{line} → {fix}</source>
        <translation>{line} → {fix}</translation>
    </message>
    <message>
        <source>fix settings.toml at {path} (or the TRAYSCORE_* variable named)</source>
        <translation>corrigez settings.toml dans {path} (ou la variable TRAYSCORE_* nommée)</translation>
    </message>
    <message>
        <source>{count} tenants listed; the checks below read the first, {name}</source>
        <translation>{count} locataires listés ; les vérifications suivantes lisent le premier, {name}</translation>
    </message>
    <message>
        <source>valid ({path}; cloud {cloud})</source>
        <translation>valides ({path} ; cloud {cloud})</translation>
    </message>
    <message>
        <source>valid (no file at {path}, defaults in force; cloud {cloud})</source>
        <translation>valides (aucun fichier à {path}, valeurs par défaut en vigueur ; cloud {cloud})</translation>
    </message>
    <message>
        <source>administrator&apos;s settings: {files}</source>
        <translation>réglages de l&apos;administrateur : {files}</translation>
    </message>
    <message>
        <source>edit {path}</source>
        <translation>modifiez {path}</translation>
    </message>
    <message>
        <source>install and unlock a Secret Service such as gnome-keyring or KWallet (or unlock the system keychain); until then sign-in lasts only until trayscore quits</source>
        <translation>installez et déverrouillez un Secret Service comme gnome-keyring ou KWallet (ou déverrouillez le trousseau du système) ; d&apos;ici là, la connexion ne dure que jusqu&apos;à la fermeture de trayscore</translation>
    </message>
    <message>
        <source>unusable: {reason}</source>
        <translation>inutilisable : {reason}</translation>
    </message>
    <message>
        <source>{backend} cannot store an entry ({error})</source>
        <translation>{backend} ne peut pas enregistrer d&apos;entrée ({error})</translation>
    </message>
    <message>
        <source>{backend}: write and delete work</source>
        <translation>{backend} : écriture et suppression fonctionnent</translation>
    </message>
    <message>
        <source>shown by Windows through the tray icon</source>
        <translation>affichées par Windows via l&apos;icône de la zone de notification</translation>
    </message>
    <message>
        <source>if none appear, allow notifications for trayscore in Settings &gt; System &gt; Notifications and check Do not disturb (Focus assist)</source>
        <translation>si aucune n&apos;apparaît, autorisez les notifications de trayscore dans Paramètres &gt; Système &gt; Notifications et vérifiez Ne pas déranger (Assistant de concentration)</translation>
    </message>
    <message>
        <source>shown by macOS through the menu bar icon</source>
        <translation>affichées par macOS via l&apos;icône de la barre des menus</translation>
    </message>
    <message>
        <source>if none appear, allow them in System Settings &gt; Notifications</source>
        <translation>si aucune n&apos;apparaît, autorisez-les dans Réglages Système &gt; Notifications</translation>
    </message>
    <message>
        <source>start a notification daemon (dunst, mako, your desktop&apos;s) for desktop notifications</source>
        <translation>démarrez un service de notifications (dunst, mako, celui de votre bureau) pour les notifications du bureau</translation>
    </message>
    <message>
        <source>no session bus: notifications use the tray balloon</source>
        <translation>pas de bus de session : les notifications passent par la bulle de l&apos;icône</translation>
    </message>
    <message>
        <source>no service: notifications use the tray balloon</source>
        <translation>aucun service : les notifications passent par la bulle de l&apos;icône</translation>
    </message>
    <message>
        <source>a notification service answers on the session bus</source>
        <translation>un service de notifications répond sur le bus de session</translation>
    </message>
    <message>
        <source>Qt did not answer within {seconds} s</source>
        <translation>Qt n&apos;a pas répondu en {seconds} s</translation>
    </message>
    <message>
        <source>the tray probe cannot start ({error})</source>
        <translation>le test de la zone de notification ne démarre pas ({error})</translation>
    </message>
    <message>
        <source>a tray host answers (X11 system tray or StatusNotifierItem)</source>
        <translation>une zone de notification répond (zone X11 ou StatusNotifierItem)</translation>
    </message>
    <message>
        <source>no tray host: trayscore shows its score in a small window</source>
        <translation>pas de zone de notification : trayscore affiche son score dans une petite fenêtre</translation>
    </message>
    <message>
        <source>start a panel with a system tray (on GNOME: the AppIndicator extension)</source>
        <translation>lancez un panneau avec une zone de notification (sous GNOME : l&apos;extension AppIndicator)</translation>
    </message>
    <message>
        <source>`{program}` runs another trayscore, without the tray probe (exit {code})</source>
        <translation>`{program}` lance un autre trayscore, sans le test de la zone de notification (code {code})</translation>
    </message>
    <message>
        <source>reinstall trayscore</source>
        <translation>réinstallez trayscore</translation>
    </message>
    <message>
        <source>the display cannot be opened ({ending})</source>
        <translation>l&apos;affichage ne peut pas être ouvert ({ending})</translation>
    </message>
    <message>
        <source>set DISPLAY (or WAYLAND_DISPLAY) to the session&apos;s display, and QT_QPA_PLATFORM only to a platform that can show it; `trayscore score` works without one</source>
        <translation>réglez DISPLAY (ou WAYLAND_DISPLAY) sur l&apos;affichage de la session, et QT_QPA_PLATFORM seulement sur une plateforme qui peut l&apos;afficher ; `trayscore score` fonctionne sans</translation>
    </message>
    <message>
        <source>signal {signal}</source>
        <translation>signal {signal}</translation>
    </message>
    <message>
        <source>exit {code}</source>
        <translation>code {code}</translation>
    </message>
    <message>
        <source>no graphical session (DISPLAY and WAYLAND_DISPLAY are not set)</source>
        <translation>pas de session graphique (DISPLAY et WAYLAND_DISPLAY ne sont pas définies)</translation>
    </message>
    <message>
        <source>run the tray inside a desktop session; `trayscore score` works here</source>
        <translation>lancez l&apos;icône dans une session de bureau ; `trayscore score` fonctionne ici</translation>
    </message>
    <message>
        <source>cannot connect to {where}: {reason}</source>
        <translation>connexion impossible à {where} : {reason}</translation>
    </message>
    <message>
        <source>start the service at {url} or correct the URL</source>
        <translation>démarrez le service à {url} ou corrigez l&apos;URL</translation>
    </message>
    <message>
        <source>{where} accepts connections (plain http, loopback)</source>
        <translation>{where} accepte les connexions (http simple, boucle locale)</translation>
    </message>
    <message>
        <source>DNS lookup of {host} failed: {reason}</source>
        <translation>échec de la résolution DNS de {host} : {reason}</translation>
    </message>
    <message>
        <source>the CA bundle cannot be read ({error})</source>
        <translation>le fichier des autorités de certification est illisible ({error})</translation>
    </message>
    <message>
        <source>point REQUESTS_CA_BUNDLE at a PEM file</source>
        <translation>indiquez un fichier PEM dans REQUESTS_CA_BUNDLE</translation>
    </message>
    <message>
        <source>TLS certificate of {where} not trusted: {reason}</source>
        <translation>certificat TLS de {where} non approuvé : {reason}</translation>
    </message>
    <message>
        <source>TLS handshake with {where} failed: {reason}</source>
        <translation>échec de la négociation TLS avec {where} : {reason}</translation>
    </message>
    <message>
        <source>{where}: DNS and TLS work</source>
        <translation>{where} : DNS et TLS fonctionnent</translation>
    </message>
    <message>
        <source>cannot connect to the proxy {proxy}: {reason}</source>
        <translation>connexion impossible au proxy {proxy} : {reason}</translation>
    </message>
    <message>
        <source>start the proxy at {proxy} or correct {variable} (unset it for no proxy)</source>
        <translation>démarrez le proxy {proxy} ou corrigez {variable} (supprimez-la s&apos;il n&apos;y a pas de proxy)</translation>
    </message>
    <message>
        <source>TLS to {url} through the proxy {proxy} failed certificate checks</source>
        <translation>TLS vers {url} par le proxy {proxy} : échec de la vérification du certificat</translation>
    </message>
    <message>
        <source>{url} unreachable through the proxy {proxy} ({error})</source>
        <translation>{url} injoignable par le proxy {proxy} ({error})</translation>
    </message>
    <message>
        <source>{url} answers through the proxy {proxy} ({variable})</source>
        <translation>{url} répond par le proxy {proxy} ({variable})</translation>
    </message>
    <message>
        <source>the proxy {proxy} refused {where}: {reason}</source>
        <translation>le proxy {proxy} a refusé {where} : {reason}</translation>
    </message>
    <message>
        <source>ask IT whether the proxy {proxy} lets {where} through and needs a user name and password, or correct {variable}</source>
        <translation>demandez au service informatique si le proxy {proxy} laisse passer {where} et exige un nom d&apos;utilisateur et un mot de passe, ou corrigez {variable}</translation>
    </message>
    <message>
        <source>{variable} is set: requests use it (not shown)</source>
        <translation>{variable} est définie : les requêtes l&apos;utilisent (non affichée)</translation>
    </message>
    <message>
        <source>run `trayscore setup`</source>
        <translation>lancez `trayscore setup`</translation>
    </message>
    <message>
        <source>no app registration configured</source>
        <translation>aucune inscription d&apos;application configurée</translation>
    </message>
    <message>
        <source>run `trayscore login`</source>
        <translation>lancez `trayscore login`</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>no access token cached</source>
        <translation>aucun jeton d&apos;accès en cache</translation>
    </message>
    <message>
        <source>access token expired (refreshed silently on the next request)</source>
        <translation>jeton d&apos;accès expiré (renouvelé sans intervention à la prochaine requête)</translation>
    </message>
    <message>
        <source>access token expires in {minutes} min</source>
        <translation>le jeton d&apos;accès expire dans {minutes} min</translation>
    </message>
    <message>
        <source>signed in as {account} (tenant {tenant}); {expiry}</source>
        <translation>connecté en tant que {account} (locataire {tenant}) ; {expiry}</translation>
    </message>
    <message>
        <source>skipped: not signed in</source>
        <translation>ignoré : pas de connexion</translation>
    </message>
    <message>
        <source>not set up: no tenant and client ID in {path}</source>
        <translation>non configuré : ni locataire ni ID client dans {path}</translation>
    </message>
    <message>
        <source>not set up: there is no settings file at {path}</source>
        <translation>non configuré : aucun fichier de réglages à {path}</translation>
    </message>
    <message>
        <source>run `trayscore setup` (your administrator has the tenant and client ID; guide: {url})</source>
        <translation>lancez `trayscore setup` (votre administrateur a le locataire et l&apos;ID client ; guide : {url})</translation>
    </message>
    <message>
        <source>set source = &quot;secure-score&quot; in the settings (or TRAYSCORE_SOURCE=secure-score)</source>
        <translation>mettez source = &quot;secure-score&quot; dans les réglages (ou TRAYSCORE_SOURCE=secure-score)</translation>
    </message>
    <message>
        <source>the Defender API stopped on 1 February 2027; Microsoft Secure Score keeps working</source>
        <translation>l&apos;API Defender s&apos;est arrêtée le 1er février 2027 ; le degré de sécurisation Microsoft continue de fonctionner</translation>
    </message>
    <message>
        <source>the Defender API stops tomorrow, 1 February 2027; Microsoft Secure Score keeps working</source>
        <translation>l&apos;API Defender s&apos;arrête demain, le 1er février 2027 ; le degré de sécurisation Microsoft continue de fonctionner</translation>
    </message>
    <message>
        <source>the Defender API stops on 1 February 2027, in {days} days; Microsoft Secure Score keeps working</source>
        <translation>l&apos;API Defender s&apos;arrête le 1er février 2027, dans {days} jours ; le degré de sécurisation Microsoft continue de fonctionner</translation>
    </message>
    <message>
        <source>token hosts</source>
        <translation>hôtes des jetons</translation>
    </message>
    <message>
        <source>tokens go only to Microsoft&apos;s hosts for cloud {cloud}</source>
        <translation>les jetons ne vont qu&apos;aux hôtes de Microsoft du cloud {cloud}</translation>
    </message>
    <message>
        <source>tokens go to {hosts}, not a Microsoft host of cloud {cloud}</source>
        <translation>les jetons vont à {hosts}, qui n&apos;est pas un hôte Microsoft du cloud {cloud}</translation>
    </message>
    <message>
        <source>remove api_url or graph_url unless you trust that host</source>
        <translation>retirez api_url ou graph_url, sauf si vous faites confiance à cet hôte</translation>
    </message>
    <message>
        <source>no entries yet ({path})</source>
        <translation>aucune entrée pour l&apos;instant ({path})</translation>
    </message>
    <message>
        <source>see the message above</source>
        <translation>voir le message ci-dessus</translation>
    </message>
    <message>
        <source>check failed ({error})</source>
        <translation>échec de la vérification ({error})</translation>
    </message>
    <message>
        <source>skipped: the settings are invalid</source>
        <translation>ignoré : les réglages sont invalides</translation>
    </message>
    <message>
        <source>skipped: the API is unreachable</source>
        <translation>ignoré : l&apos;API est injoignable</translation>
    </message>
</context>
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
        <source>Defender Vulnerability Management is not enabled or licensed for this tenant.</source>
        <translation>Defender Vulnerability Management n&apos;est pas activé ou pas sous licence pour ce locataire.</translation>
    </message>
    <message>
        <source>The score&apos;s address was not found: check the cloud and region in settings.</source>
        <translation>L&apos;adresse du score est introuvable : vérifiez le cloud et la région dans les réglages.</translation>
    </message>
    <message>
        <source>Microsoft retired the Defender for Endpoint API: choose Secure Score in Settings.</source>
        <translation>Microsoft a retiré l&apos;API Defender for Endpoint : choisissez le degré de sécurisation dans Réglages.</translation>
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
    <name>FleetApp</name>
    <message>
        <source>Not signed in: open this tenant and choose Sign in...</source>
        <translation>Non connecté : ouvrez ce locataire et choisissez Se connecter...</translation>
    </message>
</context>
<context>
    <name>FleetNotices</name>
    <message numerus="yes">
        <source>Scores changed in %n tenant(s)</source>
        <translation>
            <numerusform>Score modifié chez %n locataire</numerusform>
            <numerusform>Scores modifiés chez %n locataires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tenant(s) worsened</source>
        <translation>
            <numerusform>%n locataire s&apos;est dégradé</numerusform>
            <numerusform>%n locataires se sont dégradés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FleetPopup</name>
    <message>
        <source>trayscore - tenants</source>
        <translation>trayscore - locataires</translation>
    </message>
    <message>
        <source>Demo: simulated tenants, not yours</source>
        <translation>Démo : locataires simulés, pas les vôtres</translation>
    </message>
    <message>
        <source>Tenants, worst first</source>
        <translation>Locataires, le pire en premier</translation>
    </message>
    <message>
        <source>&amp;Copy summary</source>
        <translation>&amp;Copier le résumé</translation>
    </message>
    <message>
        <source>Copy summary</source>
        <translation>Copier le résumé</translation>
    </message>
    <message>
        <source>&amp;Export CSV...</source>
        <translation>&amp;Exporter en CSV...</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message numerus="yes">
        <source>%n tenant(s), worst first</source>
        <translation>
            <numerusform>%n locataire</numerusform>
            <numerusform>%n locataires, le pire en premier</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: {status}</source>
        <translation>{name} : {status}</translation>
    </message>
    <message>
        <source>Demo: {summary}</source>
        <translation>Démo : {summary}</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>Export every tenant&apos;s history</source>
        <translation>Exporter l&apos;historique de chaque locataire</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>FleetSurfaces</name>
    <message>
        <source>trayscore - {tenant}</source>
        <translation>trayscore - {tenant}</translation>
    </message>
    <message>
        <source>{tenant}: {headline}</source>
        <translation>{tenant} : {headline}</translation>
    </message>
    <message>
        <source>Could not export the history: {reason}</source>
        <translation>Impossible d&apos;exporter l&apos;historique : {reason}</translation>
    </message>
    <message>
        <source>These tenants are simulated. To watch your own, list them as [[tenants]] in {path} and start trayscore without --demo.</source>
        <translation>Ces locataires sont simulés. Pour suivre les vôtres, listez-les en [[tenants]] dans {path} et lancez trayscore sans --demo.</translation>
    </message>
    <message>
        <source>trayscore: several tenants</source>
        <translation>trayscore : plusieurs locataires</translation>
    </message>
    <message>
        <source>trayscore {version}
{count} tenants: the icon shows the worst one.
Settings: {settings}
History: {data}</source>
        <translation>trayscore {version}
{count} locataires : l&apos;icône montre le pire.
Réglages : {settings}
Historique : {data}</translation>
    </message>
</context>
<context>
    <name>FleetWords</name>
    <message>
        <source>{number}%</source>
        <translation>{number} %</translation>
    </message>
    <message>
        <source>{name} {score} ({band})</source>
        <translation>{name} {score} ({band})</translation>
    </message>
    <message>
        <source>, out of date</source>
        <translation>, périmé</translation>
    </message>
    <message numerus="yes">
        <source>%n other(s): {counts}</source>
        <translation>
            <numerusform>%n autre : {counts}</numerusform>
            <numerusform>%n autres : {counts}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) sign-in</source>
        <translation>
            <numerusform>%n doit se connecter</numerusform>
            <numerusform>%n doivent se connecter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unavailable</source>
        <translation>
            <numerusform>%n indisponible</numerusform>
            <numerusform>%n indisponibles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without data yet</source>
        <translation>
            <numerusform>%n encore sans données</numerusform>
            <numerusform>%n encore sans données</numerusform>
        </translation>
    </message>
    <message>
        <source>No scores yet</source>
        <translation>Pas encore de score</translation>
    </message>
    <message>
        <source>Demo: {line}</source>
        <translation>Démo : {line}</translation>
    </message>
    <message numerus="yes">
        <source>%n tenant(s), no score yet</source>
        <translation>
            <numerusform>%n locataire, pas encore de score</numerusform>
            <numerusform>%n locataires, pas encore de score</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Worst of %n tenant(s): {worst}</source>
        <translation>
            <numerusform>%n locataire : {worst}</numerusform>
            <numerusform>Le pire de %n locataires : {worst}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlanceWindow</name>
    <message>
        <source>Drag to move; right-click for the menu</source>
        <translation>Faites glisser pour déplacer ; clic droit pour le menu</translation>
    </message>
    <message>
        <source>Enter opens the history; the Menu key or Shift+F10 opens the menu</source>
        <translation>Entrée ouvre l&apos;historique ; la touche Menu ou Maj+F10 ouvre le menu</translation>
    </message>
    <message>
        <source>Score icon</source>
        <translation>Icône du score</translation>
    </message>
</context>
<context>
    <name>HistoryAge</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>il y a %n minute</numerusform>
            <numerusform>il y a %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>il y a %n heure</numerusform>
            <numerusform>il y a %n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>trayscore - history</source>
        <translation>trayscore - historique</translation>
    </message>
    <message numerus="yes">
        <source>and %n more group(s)</source>
        <translation>
            <numerusform>et %n autre groupe</numerusform>
            <numerusform>et %n autres groupes</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the Secure Score from now on; the settings file is updated.</source>
        <translation>Lire désormais le Secure Score ; le fichier de paramètres est mis à jour.</translation>
    </message>
    <message>
        <source>Chart period</source>
        <translation>Période du graphique</translation>
    </message>
    <message>
        <source>&amp;Copy summary</source>
        <translation>&amp;Copier le résumé</translation>
    </message>
    <message>
        <source>Copies the score and its changes as one line of text</source>
        <translation>Copie le score et ses variations sur une ligne de texte</translation>
    </message>
    <message>
        <source>&amp;Export CSV...</source>
        <translation>&amp;Exporter en CSV...</translation>
    </message>
    <message>
        <source>Saves the whole history as a CSV file</source>
        <translation>Enregistre tout l&apos;historique dans un fichier CSV</translation>
    </message>
    <message>
        <source>at {time}</source>
        <translation>à {time}</translation>
    </message>
    <message>
        <source>tenant {tenant}</source>
        <translation>locataire {tenant}</translation>
    </message>
    <message>
        <source>since first reading</source>
        <translation>depuis le premier relevé</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Démo</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>{period}: no data yet</source>
        <translation>{period} : pas encore de données</translation>
    </message>
    <message>
        <source>since first reading ({age})</source>
        <translation>depuis le premier relevé ({age})</translation>
    </message>
    <message>
        <source>Change over {period}: no data yet</source>
        <translation>Variation sur {period} : pas encore de données</translation>
    </message>
    <message>
        <source>up {amount}, better</source>
        <translation>en hausse de {amount}, mieux</translation>
    </message>
    <message>
        <source>down {amount}, better</source>
        <translation>en baisse de {amount}, mieux</translation>
    </message>
    <message>
        <source>up {amount}, worse</source>
        <translation>en hausse de {amount}, moins bien</translation>
    </message>
    <message>
        <source>down {amount}, worse</source>
        <translation>en baisse de {amount}, moins bien</translation>
    </message>
    <message>
        <source>Change since the first reading {age} (less than {period} of history): {change}</source>
        <translation>Variation depuis le premier relevé, {age} (moins de {period} d&apos;historique) : {change}</translation>
    </message>
    <message>
        <source>Change over {period}: {change}</source>
        <translation>Variation sur {period} : {change}</translation>
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
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 jours</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 jours</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 heures</translation>
    </message>
    <message>
        <source>{verdict} (trayscore&apos;s bands)</source>
        <translation>{verdict} (seuils de trayscore)</translation>
    </message>
    <message>
        <source>{name}: {score} ({band}: {severity})</source>
        <translation>{name} : {score} ({band} : {severity})</translation>
    </message>
    <message>
        <source>Exposure by device group, worst first (lower is better):</source>
        <translation>Exposition par groupe d&apos;appareils, du pire au meilleur (plus c&apos;est bas, mieux c&apos;est) :</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
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
    <name>LinkDialog</name>
    <message>
        <source>trayscore - open this link</source>
        <translation>trayscore - ouvrir ce lien</translation>
    </message>
    <message>
        <source>No browser opened. Open this address in a browser:</source>
        <translation>Aucun navigateur ne s&apos;est ouvert. Ouvrez cette adresse dans un navigateur :</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>&amp;Copier le lien</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
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
        <source>{subject} cannot be read until you sign in again.</source>
        <translation>{subject} ne peut plus être lu tant que vous ne vous reconnectez pas.</translation>
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
        <source>{title} not updating</source>
        <translation>{title} : plus d&apos;actualisation</translation>
    </message>
    <message>
        <source>{title} updating again</source>
        <translation>{title} : de nouveau actualisé</translation>
    </message>
    <message>
        <source>{title} worsened: now {band}</source>
        <translation>{title} s&apos;est dégradé : désormais {band}</translation>
    </message>
    <message>
        <source>{title} improved: now {band}</source>
        <translation>{title} s&apos;est amélioré : désormais {band}</translation>
    </message>
    <message>
        <source>{title} rising</source>
        <translation>{title} en hausse</translation>
    </message>
    <message>
        <source>{title} falling</source>
        <translation>{title} en baisse</translation>
    </message>
    <message>
        <source>{subject} is {score} ({band}).</source>
        <translation>{subject} est de {score} ({band}).</translation>
    </message>
    <message>
        <source>{subject} rose to {score} ({band}), up {change} since {time}.</source>
        <translation>{subject} est monté à {score} ({band}), soit {change} de plus depuis {time}.</translation>
    </message>
    <message>
        <source>{subject} fell to {score} ({band}), down {change} since {time}.</source>
        <translation>{subject} est descendu à {score} ({band}), soit {change} de moins depuis {time}.</translation>
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
        <source>Demo: {title}</source>
        <translation>Démo : {title}</translation>
    </message>
    <message>
        <source>{tenant}: {title}</source>
        <translation>{tenant} : {title}</translation>
    </message>
    <message>
        <source>{tenant}: now {band} ({score})</source>
        <translation>{tenant} : maintenant {band} ({score})</translation>
    </message>
    <message>
        <source>Show tenants</source>
        <translation>Voir les locataires</translation>
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
    <name>PopupHeader</name>
    <message>
        <source>Demo: simulated data, not your tenant</source>
        <translation>Démo : données simulées, pas votre locataire</translation>
    </message>
</context>
<context>
    <name>Retirement</name>
    <message>
        <source>Microsoft retired the Defender API on {date}; Microsoft Secure Score keeps working.</source>
        <translation>Microsoft a retiré l&apos;API Defender le {date} ; le degré de sécurisation Microsoft continue de fonctionner.</translation>
    </message>
    <message>
        <source>The Defender API stops tomorrow, {date}; Microsoft Secure Score keeps working.</source>
        <translation>L&apos;API Defender s&apos;arrête demain, le {date} ; le degré de sécurisation Microsoft continue de fonctionner.</translation>
    </message>
    <message>
        <source>The Defender API stops on {date}, in {days} days; Microsoft Secure Score keeps working.</source>
        <translation>L&apos;API Defender s&apos;arrête le {date}, dans {days} jours ; le degré de sécurisation Microsoft continue de fonctionner.</translation>
    </message>
    <message>
        <source>The Defender API is retiring</source>
        <translation>L&apos;API Defender va être retirée</translation>
    </message>
    <message>
        <source>Switch to Secure Score</source>
        <translation>Passer au degré de sécurisation</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>trayscore - settings</source>
        <translation>trayscore - réglages</translation>
    </message>
    <message>
        <source>Start tr&amp;ayscore when I sign in</source>
        <translation>&amp;Démarrer trayscore à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Some settings could not be used:</source>
        <translation>Certains réglages n&apos;ont pas pu être utilisés :</translation>
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
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Your administrator has the tenant and client ID (&lt;a href=&quot;{url}&quot;&gt;how to register trayscore&lt;/a&gt;).</source>
        <translation>Votre administrateur a le locataire et l&apos;ID client (&lt;a href=&quot;{url}&quot;&gt;comment enregistrer trayscore&lt;/a&gt;).</translation>
    </message>
    <message>
        <source>Where the tenant and client ID come from</source>
        <translation>D&apos;où viennent le locataire et l&apos;ID client</translation>
    </message>
    <message>
        <source>tenant GUID or contoso.onmicrosoft.com</source>
        <translation>GUID du locataire ou contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>ID cli&amp;ent :</translation>
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
        <translation>Conne&amp;xion par :</translation>
    </message>
    <message>
        <source>Permission: {permission}</source>
        <translation>Autorisation : {permission}</translation>
    </message>
    <message>
        <source>Score sho&amp;wn in the icon:</source>
        <translation>Score affic&amp;hé dans l&apos;icône :</translation>
    </message>
    <message>
        <source>Each tenant in the list names its own</source>
        <translation>Chaque locataire de la liste indique le sien</translation>
    </message>
    <message>
        <source>OK &amp;&amp; sign in</source>
        <translation>OK &amp;&amp; se connecter</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Re&amp;fresh every:</source>
        <translation>&amp;Actualiser toutes les :</translation>
    </message>
    <message>
        <source>Show the nu&amp;mber</source>
        <translation>Afficher le &amp;nombre</translation>
    </message>
    <message>
        <source>Ic&amp;on:</source>
        <translation>&amp;Icône :</translation>
    </message>
    <message>
        <source>Score ris&amp;es</source>
        <translation>Hau&amp;sses du score</translation>
    </message>
    <message>
        <source>O&amp;utages</source>
        <translation>&amp;Pannes</translation>
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
        <translation>Changements de ni&amp;veau</translation>
    </message>
    <message>
        <source>Sign-in &amp;needed</source>
        <translation>Connexion re&amp;quise</translation>
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
        <source>Required: enter both the tenant and the client ID.</source>
        <translation>Obligatoire : saisissez le locataire et l&apos;ID client.</translation>
    </message>
    <message>
        <source>Allowed: {what}.</source>
        <translation>Valeurs admises : {what}.</translation>
    </message>
    <message>
        <source>Required: a name for this tenant.</source>
        <translation>Obligatoire : un nom pour ce locataire.</translation>
    </message>
    <message>
        <source>Another tenant has this name already.</source>
        <translation>Un autre locataire porte déjà ce nom.</translation>
    </message>
    <message>
        <source>Required: the tenant (or an authority).</source>
        <translation>Obligatoire : le locataire (ou une autorité).</translation>
    </message>
    <message>
        <source>Required: a client ID here or in the Account group.</source>
        <translation>Obligatoire : un ID client ici ou dans le groupe Compte.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>shown in the list of tenants, e.g. Contoso</source>
        <translation>affiché dans la liste des locataires, p. ex. Contoso</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Locataire :</translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation>ID client :</translation>
    </message>
    <message>
        <source>blank: shared from the Account group&apos;s client ID</source>
        <translation>vide : l&apos;ID client du groupe Compte est partagé</translation>
    </message>
    <message>
        <source>Authority (advanced):</source>
        <translation>Autorité (avancé) :</translation>
    </message>
    <message>
        <source>optional: a sign-in authority URL of its own</source>
        <translation>facultatif : une URL d&apos;autorité de connexion propre</translation>
    </message>
    <message>
        <source>Shared: the Account group&apos;s cloud</source>
        <translation>Partagé : le cloud du groupe Compte</translation>
    </message>
    <message>
        <source>Cloud:</source>
        <translation>Cloud :</translation>
    </message>
    <message>
        <source>Shared: the score shown in the icon</source>
        <translation>Partagé : le score affiché dans l&apos;icône</translation>
    </message>
    <message>
        <source>Score shown:</source>
        <translation>Score affiché :</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>Locataires</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>{action} ({key} in the list)</source>
        <translation>{action} ({key} dans la liste)</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>Set by your administrator: the list cannot be changed here.</source>
        <translation>Fixée par votre administrateur : la liste ne peut pas être modifiée ici.</translation>
    </message>
    <message>
        <source>One tenant: the Account group&apos;s. Add starts a list of several, beginning with it.</source>
        <translation>Un seul locataire : celui du groupe Compte. Ajouter commence une liste de plusieurs, en commençant par lui.</translation>
    </message>
    <message>
        <source>trayscore shows these tenants, in this order, in one tray.</source>
        <translation>trayscore affiche ces locataires, dans cet ordre, dans une seule icône.</translation>
    </message>
    <message>
        <source>To fix: {names}</source>
        <translation>À corriger : {names}</translation>
    </message>
    <message>
        <source>{name}, needs fixing</source>
        <translation>{name}, à corriger</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>Sign in to trayscore</source>
        <translation>Se connecter à trayscore</translation>
    </message>
    <message>
        <source>Sign-in progress</source>
        <translation>Progression de la connexion</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>Code de l&apos;appareil</translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation>&amp;Copier le code</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>&amp;Ouvrir le lien</translation>
    </message>
    <message>
        <source>Waiting for your browser... Finish signing in there; this closes by itself.</source>
        <translation>En attente de votre navigateur... Terminez la connexion là-bas ; cette fenêtre se fermera d&apos;elle-même.</translation>
    </message>
    <message>
        <source>Asking Microsoft for a sign-in code...</source>
        <translation>Demande d&apos;un code de connexion à Microsoft...</translation>
    </message>
    <message>
        <source>On any device, open {url} and enter this code:</source>
        <translation>Sur n&apos;importe quel appareil, ouvrez {url} et saisissez ce code :</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>No browser opened. On any device, open {url} and enter this code:</source>
        <translation>Aucun navigateur ne s&apos;est ouvert. Sur n&apos;importe quel appareil, ouvrez {url} et saisissez ce code :</translation>
    </message>
</context>
<context>
    <name>TenantWords</name>
    <message>
        <source>{score} ({band}: {severity})</source>
        <translation>{score} ({band} : {severity})</translation>
    </message>
    <message>
        <source>{arrow} {amount} in 7 days</source>
        <translation>{arrow} {amount} en 7 jours</translation>
    </message>
    <message>
        <source> - out of date</source>
        <translation> - périmé</translation>
    </message>
    <message>
        <source>Sign-in needed: open this row and choose Sign in</source>
        <translation>Connexion requise : ouvrez cette ligne et choisissez Se connecter</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>Non configuré</translation>
    </message>
    <message>
        <source>Unavailable: {problem}</source>
        <translation>Indisponible : {problem}</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Pas encore de données</translation>
    </message>
    <message>
        <source>{name}: {headline}</source>
        <translation>{name} : {headline}</translation>
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
        <source>good</source>
        <translation>bon</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>moyen</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>mauvais</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>plus c&apos;est bas, mieux c&apos;est</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>plus c&apos;est haut, mieux c&apos;est</translation>
    </message>
    <message>
        <source>{severity}, {direction}</source>
        <translation>{severity}, {direction}</translation>
    </message>
    <message>
        <source>Exposure score</source>
        <translation>Score d&apos;exposition</translation>
    </message>
    <message>
        <source>Device secure score</source>
        <translation>Degré de sécurisation des appareils</translation>
    </message>
    <message>
        <source>Secure Score</source>
        <translation>Degré de sécurisation</translation>
    </message>
    <message>
        <source>The exposure score</source>
        <translation>Le score d&apos;exposition</translation>
    </message>
    <message>
        <source>The device secure score</source>
        <translation>Le degré de sécurisation des appareils</translation>
    </message>
    <message>
        <source>The Secure Score</source>
        <translation>Le degré de sécurisation</translation>
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
        <source>{title} {score} ({band})</source>
        <translation>{title} {score} ({band})</translation>
    </message>
    <message>
        <source>trayscore: not set up yet</source>
        <translation>trayscore : pas encore configuré</translation>
    </message>
    <message>
        <source>{title}: sign-in needed</source>
        <translation>{title} : connexion requise</translation>
    </message>
    <message>
        <source>{title} unavailable</source>
        <translation>{title} indisponible</translation>
    </message>
    <message>
        <source>{title}: no data yet</source>
        <translation>{title} : pas encore de données</translation>
    </message>
    <message>
        <source>{title} {score} ({band}: {verdict})</source>
        <translation>{title} {score} ({band} : {verdict})</translation>
    </message>
    <message>
        <source>next refresh {time}</source>
        <translation>prochaine actualisation à {time}</translation>
    </message>
    <message>
        <source> - out of date</source>
        <translation> - périmé</translation>
    </message>
    <message>
        <source>{title} {points} points</source>
        <translation>{title} {points} points</translation>
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
        <source>⚠ Tokens go to {hosts}, not Microsoft</source>
        <translation>⚠ Jetons envoyés à {hosts}, pas à Microsoft</translation>
    </message>
    <message>
        <source>Demo: {line}</source>
        <translation>Démo : {line}</translation>
    </message>
    <message>
        <source>{score} ({band}), as of {time}</source>
        <translation>{score} ({band}) · à jour à {time}</translation>
    </message>
    <message>
        <source>Not set up yet</source>
        <translation>Pas encore configuré</translation>
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
    <message>
        <source>{number}%</source>
        <translation>{number} %</translation>
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
        <source>No published maximum, so no band to show: choose another score in Settings.</source>
        <translation>Aucun maximum publié, donc aucune tranche : choisissez un autre score dans les Réglages.</translation>
    </message>
    <message>
        <source>Not set up: choose Set up trayscore... to enter your tenant and client ID.</source>
        <translation>Non configuré : choisissez Configurer trayscore... pour saisir votre locataire et votre ID client.</translation>
    </message>
    <message>
        <source>Not signed in: choose Sign in... in the trayscore menu.</source>
        <translation>Non connecté : choisissez « Se connecter… » dans le menu de trayscore.</translation>
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
        <source>{title}: lower is better.</source>
        <translation>{title} : plus c&apos;est bas, mieux c&apos;est.</translation>
    </message>
    <message>
        <source>{title}: higher is better.</source>
        <translation>{title} : plus c&apos;est haut, mieux c&apos;est.</translation>
    </message>
    <message>
        <source>trayscore {version}
Your organisation&apos;s Microsoft security score, at a glance.
{direction}

Settings: {settings}
History: {history}
Log: {log}</source>
        <translation>trayscore {version}
Le score de sécurité Microsoft de votre organisation, d&apos;un coup d&apos;œil.
{direction}

Réglages : {settings}
Historique : {history}
Journal : {log}</translation>
    </message>
    <message>
        <source>Could not save the settings to {path}: {reason}</source>
        <translation>Impossible d&apos;enregistrer les réglages dans {path} : {reason}</translation>
    </message>
    <message>
        <source>trayscore - demo</source>
        <translation>trayscore - démo</translation>
    </message>
    <message>
        <source>This is the demo: it shows a simulated tenant, and its settings are not saved. Set up my tenant... leaves the demo and starts trayscore for your organisation.</source>
        <translation>Ceci est la démo : elle montre un locataire simulé, et ses réglages ne sont pas enregistrés. Configurer mon locataire... quitte la démo et démarre trayscore pour votre organisation.</translation>
    </message>
    <message>
        <source>Set up my tenant...</source>
        <translation>Configurer mon locataire...</translation>
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
        <source>trayscore restarts to read the new list of tenants.</source>
        <translation>trayscore redémarre pour lire la nouvelle liste de locataires.</translation>
    </message>
    <message>
        <source>trayscore restarts to use the new settings.</source>
        <translation>trayscore redémarre pour appliquer les nouveaux réglages.</translation>
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
        <source>Set up trayscore...</source>
        <translation>Configurer trayscore...</translation>
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
        <source>Until midnight</source>
        <translation>Jusqu&apos;à minuit</translation>
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
        <source>Opens the guide in your web browser</source>
        <translation>Ouvre le guide dans votre navigateur web</translation>
    </message>
    <message>
        <source>&amp;Set up trayscore…</source>
        <translation>&amp;Configurer trayscore…</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Essayer la &amp;démo</translation>
    </message>
</context>
</TS>
