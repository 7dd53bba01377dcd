// Every string the dashboard shows, in French (the default) and English. The
// choice is remembered in localStorage.

const kStorageKey = 'parc.lang';

const strings = {
  fr: {
    app_name: 'Parc', skip: 'Aller au contenu', nav_label: 'Navigation principale',
    nav_overview: "Vue d'ensemble", nav_inventory: 'Inventaire', nav_feed: 'Alertes en direct',
    nav_rooms: 'Salles', nav_charts: 'Graphiques', nav_retire: 'À réformer', nav_add: 'Ajouter un appareil',
    lang_switch: 'English', lang_switch_label: 'Switch to English', logout: 'Se déconnecter',
    login_title: 'Connexion', email: 'Adresse e-mail', password: 'Mot de passe', login: 'Se connecter',
    login_failed: 'Adresse ou mot de passe incorrect.', login_limited: 'Trop de tentatives : réessayez plus tard.',
    loading: 'Chargement…', error: 'Erreur', error_load: 'Impossible de charger cette page : {message}',
    not_found: 'Introuvable.', none: 'Aucun', unknown: 'inconnu', total: 'Total',
    overview_title: "Vue d'ensemble", all_sites: 'Tous les sites', site: 'Site', room: 'Salle',
    devices: 'Appareils', devices_by_kind: 'Appareils par type', devices_by_status: 'Appareils par statut',
    open_alerts_by_severity: 'Alertes ouvertes par gravité', silent_devices: 'Appareils muets',
    open_alerts: 'Alertes ouvertes', sites: 'Sites', count: 'Nombre',
    inventory_title: 'Inventaire', search: 'Rechercher', search_hint: 'nom, n° de série, modèle, fabricant',
    kind: 'Type', status: 'Statut', manufacturer: 'Fabricant', model: 'Modèle', os: 'Système',
    age_min: 'Âge min. (ans)', age_max: 'Âge max. (ans)', any: 'Tous', apply: 'Filtrer', reset: 'Effacer les filtres',
    hostname: 'Nom', serial: 'N° de série', last_seen: 'Dernier rapport', age: 'Âge', alerts: 'Alertes',
    results: '{count} appareil(s)', page_next: 'Page suivante', page_first: 'Première page',
    sort_by: 'Trier par {column}', export: 'Exporter', export_csv: 'CSV', export_csv_fr: 'CSV (Excel FR : « ; »)',
    export_xlsx: 'XLSX', export_json: 'JSON', years: '{n} ans', filters: 'Filtres',
    device_title: 'Appareil', components: 'Composants', system: 'Machine', bios: 'BIOS', cpu: 'Processeur',
    memory: 'Mémoire', disks: 'Disques', displays: "Écrans", network: 'Réseau', batteries: 'Batteries',
    usb: 'USB', software: 'Logiciels', packages: '{n} paquets', kit: 'Matériel de la classe',
    health: 'État actuel', history: 'Historique des changements', interventions: 'Interventions',
    trends: 'Tendances', no_trends: 'Pas encore de mesures pour ce graphique.', collected_at: 'Relevé le',
    change_status: 'Changer le statut', save: 'Enregistrer', saved: 'Enregistré.', component: 'Composant',
    change: 'Changement', before: 'Avant', after: 'Après', when: 'Date', smart_passed: 'SMART correct',
    smart_failed: 'SMART en échec', reallocated: 'Secteurs réalloués', pending: 'Secteurs en attente',
    temperature: 'Température', power_on_hours: 'Heures de fonctionnement', battery_health: 'Santé batterie',
    filesystem_use: 'Occupation', lamp_hours: 'Heures de lampe', nvme_wear: 'Usure NVMe',
    feed_title: 'Alertes en direct', feed_connected: 'Connecté : les nouvelles alertes apparaissent ici.',
    feed_disconnected: 'Connexion perdue, nouvelle tentative…', severity: 'Gravité', state: 'État',
    opened_at: 'Ouverte le', acknowledge: 'Prendre en charge', resolve: 'Résoudre', add_note: 'Ajouter une note',
    note: 'Note', log_intervention: 'Noter une intervention', what_done: 'Ce qui a été fait', minutes: 'Minutes',
    send: 'Envoyer', cancel: 'Annuler', no_alerts: 'Aucune alerte ouverte.', new_alert: 'Nouvelle alerte : {title}',
    acknowledged_by: 'Prise en charge par {who}', resolution_note: 'Note de résolution', procedure: 'Procédure',
    action_done: 'Action enregistrée.', intervention_logged: 'Intervention enregistrée.',
    rooms_title: 'Salles', choose_site: 'Choisissez un site', no_room: '(sans salle)', room_view: 'Salle : {room}',
    open_room: 'Voir la salle', charts_title: 'Graphiques', age_pyramid: "Pyramide des âges — {site}",
    alerts_weekly: 'Alertes ouvertes par semaine', age_unknown: '{n} appareil(s) d’âge inconnu',
    week_of: 'Semaine du {date}', retire_title: 'Suggestions de réforme', min_age: 'Âge minimum (ans)',
    reasons: 'Raisons', reason_age: 'âge', reason_faults: 'pannes', faults_180d: 'Pannes (180 j)',
    mark_to_retire: 'Marquer « à réformer »', add_title: 'Ajouter un appareil à la main',
    built_year: 'Année de fabrication', created: 'Appareil ajouté.', required: '(obligatoire)',
    not_available: "Cette information n'est pas encore disponible sur ce serveur.",
    health_ok: 'correct', health_warning: 'à surveiller', health_critical: 'critique', health_silent: 'muet',
    role_viewer: 'Lecture seule : les actions sont réservées aux techniciens.', choose: '— choisir —',
    password_title: 'Choisir votre mot de passe',
    password_intro: 'Vous vous êtes connecté avec un mot de passe à usage unique : remplacez-le avant de continuer.',
    password_current: 'Mot de passe actuel', password_new: 'Nouveau mot de passe',
    password_confirm: 'Confirmer le nouveau mot de passe',
    password_rules: 'Au moins {min} caractères, différent de votre adresse e-mail et du mot de passe actuel.',
    password_submit: 'Changer le mot de passe', password_changed: 'Mot de passe changé.',
    password_error: 'Le mot de passe n’a pas pu être changé : réessayez.',
    password_error_mismatch: 'Les deux nouveaux mots de passe ne sont pas identiques.',
    password_error_invalid_current_password: 'Le mot de passe actuel est incorrect.',
    password_error_weak_password: 'Le nouveau mot de passe est trop court.',
    password_error_password_is_email: 'Le nouveau mot de passe ne peut pas être votre adresse e-mail.',
    password_error_password_unchanged: 'Le nouveau mot de passe doit être différent de l’actuel.',
    password_error_too_many_attempts: 'Trop de tentatives : réessayez plus tard.',
  },
  en: {
    app_name: 'Parc', skip: 'Skip to content', nav_label: 'Main navigation',
    nav_overview: 'Overview', nav_inventory: 'Inventory', nav_feed: 'Live alerts',
    nav_rooms: 'Rooms', nav_charts: 'Charts', nav_retire: 'To retire', nav_add: 'Add a device',
    lang_switch: 'Français', lang_switch_label: 'Passer en français', logout: 'Log out',
    login_title: 'Log in', email: 'E-mail address', password: 'Password', login: 'Log in',
    login_failed: 'Wrong e-mail or password.', login_limited: 'Too many attempts: try again later.',
    loading: 'Loading…', error: 'Error', error_load: 'This page could not be loaded: {message}',
    not_found: 'Not found.', none: 'None', unknown: 'unknown', total: 'Total',
    overview_title: 'Overview', all_sites: 'All sites', site: 'Site', room: 'Room',
    devices: 'Devices', devices_by_kind: 'Devices by kind', devices_by_status: 'Devices by status',
    open_alerts_by_severity: 'Open alerts by severity', silent_devices: 'Silent devices',
    open_alerts: 'Open alerts', sites: 'Sites', count: 'Count',
    inventory_title: 'Inventory', search: 'Search', search_hint: 'name, serial, model, manufacturer',
    kind: 'Kind', status: 'Status', manufacturer: 'Manufacturer', model: 'Model', os: 'OS',
    age_min: 'Min. age (years)', age_max: 'Max. age (years)', any: 'Any', apply: 'Filter', reset: 'Clear filters',
    hostname: 'Name', serial: 'Serial', last_seen: 'Last report', age: 'Age', alerts: 'Alerts',
    results: '{count} device(s)', page_next: 'Next page', page_first: 'First page',
    sort_by: 'Sort by {column}', export: 'Export', export_csv: 'CSV', export_csv_fr: 'CSV (French Excel: “;”)',
    export_xlsx: 'XLSX', export_json: 'JSON', years: '{n} years', filters: 'Filters',
    device_title: 'Device', components: 'Components', system: 'Machine', bios: 'BIOS', cpu: 'CPU',
    memory: 'Memory', disks: 'Disks', displays: 'Displays', network: 'Network', batteries: 'Batteries',
    usb: 'USB', software: 'Software', packages: '{n} packages', kit: 'Classroom kit',
    health: 'Current health', history: 'History of changes', interventions: 'Interventions',
    trends: 'Trends', no_trends: 'No measurements for this chart yet.', collected_at: 'Collected at',
    change_status: 'Change status', save: 'Save', saved: 'Saved.', component: 'Component',
    change: 'Change', before: 'Before', after: 'After', when: 'Date', smart_passed: 'SMART passed',
    smart_failed: 'SMART failed', reallocated: 'Reallocated sectors', pending: 'Pending sectors',
    temperature: 'Temperature', power_on_hours: 'Power-on hours', battery_health: 'Battery health',
    filesystem_use: 'Used', lamp_hours: 'Lamp hours', nvme_wear: 'NVMe wear',
    feed_title: 'Live alerts', feed_connected: 'Connected: new alerts appear here.',
    feed_disconnected: 'Connection lost, retrying…', severity: 'Severity', state: 'State',
    opened_at: 'Opened', acknowledge: 'Acknowledge', resolve: 'Resolve', add_note: 'Add a note',
    note: 'Note', log_intervention: 'Log an intervention', what_done: 'What was done', minutes: 'Minutes',
    send: 'Send', cancel: 'Cancel', no_alerts: 'No open alerts.', new_alert: 'New alert: {title}',
    acknowledged_by: 'Acknowledged by {who}', resolution_note: 'Resolution note', procedure: 'Procedure',
    action_done: 'Action recorded.', intervention_logged: 'Intervention logged.',
    rooms_title: 'Rooms', choose_site: 'Choose a site', no_room: '(no room)', room_view: 'Room: {room}',
    open_room: 'Open the room', charts_title: 'Charts', age_pyramid: 'Age pyramid — {site}',
    alerts_weekly: 'Alerts opened per week', age_unknown: '{n} device(s) of unknown age',
    week_of: 'Week of {date}', retire_title: 'Suggested retirements', min_age: 'Minimum age (years)',
    reasons: 'Reasons', reason_age: 'age', reason_faults: 'faults', faults_180d: 'Faults (180 d)',
    mark_to_retire: 'Mark “to retire”', add_title: 'Add a device by hand',
    built_year: 'Year of manufacture', created: 'Device added.', required: '(required)',
    not_available: 'This information is not available on this server yet.',
    health_ok: 'ok', health_warning: 'warning', health_critical: 'critical', health_silent: 'silent',
    role_viewer: 'Read only: actions are for technicians.', choose: '— choose —',
    password_title: 'Choose your password',
    password_intro: 'You signed in with a one-time password: replace it before going on.',
    password_current: 'Current password', password_new: 'New password',
    password_confirm: 'Confirm the new password',
    password_rules: 'At least {min} characters, other than your e-mail address and the current password.',
    password_submit: 'Change password', password_changed: 'Password changed.',
    password_error: 'The password could not be changed: try again.',
    password_error_mismatch: 'The two new passwords differ.',
    password_error_invalid_current_password: 'The current password is wrong.',
    password_error_weak_password: 'The new password is too short.',
    password_error_password_is_email: 'The new password cannot be your e-mail address.',
    password_error_password_unchanged: 'The new password must differ from the current one.',
    password_error_too_many_attempts: 'Too many attempts: try again later.',
  },
};

export const kinds = ['desktop', 'laptop', 'tablet', 'convertible', 'all_in_one', 'mini_pc', 'thin_client',
  'server', 'vm', 'projector', 'whiteboard', 'flat_panel', 'document_camera', 'printer', 'other'];
export const statuses = ['in_service', 'in_repair', 'in_stock', 'reusable', 'to_retire', 'retired'];
export const severities = ['critical', 'warning', 'info'];

const labels = {
  fr: {
    kind: { desktop: 'PC fixe', laptop: 'Portable', tablet: 'Tablette', convertible: 'Convertible',
      all_in_one: 'Tout-en-un', mini_pc: 'Mini PC', thin_client: 'Client léger', server: 'Serveur',
      vm: 'Machine virtuelle', projector: 'Vidéoprojecteur', whiteboard: 'TBI', flat_panel: 'Écran interactif',
      document_camera: 'Visualiseur', printer: 'Imprimante', other: 'Autre' },
    status: { in_service: 'en service', in_repair: 'en réparation', in_stock: 'en stock',
      reusable: 'réutilisable', to_retire: 'à réformer', retired: 'réformé' },
    severity: { critical: 'critique', warning: 'avertissement', info: 'information' },
    state: { open: 'ouverte', acknowledged: 'prise en charge', resolved: 'résolue' },
  },
  en: {
    kind: { desktop: 'Desktop', laptop: 'Laptop', tablet: 'Tablet', convertible: 'Convertible',
      all_in_one: 'All-in-one', mini_pc: 'Mini PC', thin_client: 'Thin client', server: 'Server',
      vm: 'Virtual machine', projector: 'Projector', whiteboard: 'Whiteboard', flat_panel: 'Flat panel',
      document_camera: 'Document camera', printer: 'Printer', other: 'Other' },
    status: { in_service: 'in service', in_repair: 'in repair', in_stock: 'in stock',
      reusable: 'reusable', to_retire: 'to retire', retired: 'retired' },
    severity: { critical: 'critical', warning: 'warning', info: 'info' },
    state: { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved' },
  },
};

export function getLang() {
  try {
    const saved = window.localStorage.getItem(kStorageKey);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch (e) { /* storage refused: French */ }
  return 'fr';
}

export function setLang(lang) {
  try { window.localStorage.setItem(kStorageKey, lang); } catch (e) { /* not remembered */ }
  document.documentElement.lang = lang;
}

// t('results', {count: 3}) → "3 appareil(s)"; an unknown key shows itself.
export function t(key, vars = {}) {
  const table = strings[getLang()];
  const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// label('kind', 'laptop') → "Portable"; unknown values show as they are.
export function label(group, value) {
  if (value === undefined || value === null || value === '') return '—';
  const table = labels[getLang()][group] || {};
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : String(value);
}

export function hasKey(lang, key) { return Object.prototype.hasOwnProperty.call(strings[lang], key); }
export function allKeys(lang) { return Object.keys(strings[lang]); }
