// Control console entry point: the <console-app> element and the console's stylesheet.
import './admin.css';
import './components/console-app.js';
