// Wallboard entry point: the <wb-app> element and the board's stylesheet.
import './wallboard.css';
import './components/wb-app.js';
